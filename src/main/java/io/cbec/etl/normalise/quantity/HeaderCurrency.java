package io.cbec.etl.normalise.quantity;

import io.cbec.etl.normalise.TextNormaliser;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A currency other than USD and CNY named in a column header ("Revenue (EUR)", "收入（欧元）", "Revenue €"),
 * which {@link UnitHint} does not read: without this the column would read as unit-less and its rows be
 * rejected for a missing currency rather than for the currency they are in. Platform revenue and zone
 * indicator columns use it.
 */
public final class HeaderCurrency {

    private static final Pattern ISO_CODE = Pattern.compile("(?<![a-z])(eur|gbp|jpy|krw|hkd|twd|aud|cad|nzd|sgd|chf|"
            + "rub|inr|brl|mxn|idr|myr|php|thb|vnd|sar|aed|try|pln|sek|nok|dkk|zar|ils|clp|cop|ars|huf|czk|mop)(?![a-z])");
    // In order, a name before any name inside it (新台币 before 台币): a Map's order would vary from run to run,
    // and with it the name a rejected row gives.
    private static final List<Map.Entry<String, String>> NAMES = List.of(
            Map.entry("欧元", "EUR"), Map.entry("€", "EUR"), Map.entry("euro", "EUR"), Map.entry("英镑", "GBP"),
            Map.entry("£", "GBP"), Map.entry("日元", "JPY"), Map.entry("日圆", "JPY"), Map.entry("韩元", "KRW"),
            Map.entry("₩", "KRW"), Map.entry("港元", "HKD"), Map.entry("港币", "HKD"), Map.entry("新台币", "TWD"),
            Map.entry("台币", "TWD"), Map.entry("澳门元", "MOP"), Map.entry("澳门币", "MOP"), Map.entry("澳元", "AUD"),
            Map.entry("澳币", "AUD"), Map.entry("加元", "CAD"), Map.entry("新加坡元", "SGD"),
            Map.entry("新元", "SGD"), Map.entry("瑞士法郎", "CHF"), Map.entry("卢布", "RUB"), Map.entry("₽", "RUB"),
            Map.entry("卢比", "INR"), Map.entry("₹", "INR"), Map.entry("雷亚尔", "BRL"), Map.entry("比索", "MXN"),
            Map.entry("泰铢", "THB"), Map.entry("越南盾", "VND"), Map.entry("林吉特", "MYR"), Map.entry("里拉", "TRY"));

    private HeaderCurrency() {
    }

    /** The currency the header names, as "EUR" or "欧元 (EUR)"; empty for USD, CNY or no currency. */
    public static Optional<String> foreign(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String s = TextNormaliser.clean(header).toLowerCase(Locale.ROOT);
        Matcher code = ISO_CODE.matcher(s);
        if (code.find()) {
            return Optional.of(code.group(1).toUpperCase(Locale.ROOT));
        }
        for (Map.Entry<String, String> name : NAMES) {
            if (s.contains(name.getKey())) {
                return Optional.of(name.getKey() + " (" + name.getValue() + ")");
            }
        }
        return Optional.empty();
    }
}

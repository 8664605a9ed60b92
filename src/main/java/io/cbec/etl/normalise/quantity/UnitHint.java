package io.cbec.etl.normalise.quantity;

import io.cbec.etl.normalise.TextNormaliser;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unit a column header states for its values: "出口额（亿元）" means every number below is in units
 * of CNY 100,000,000; "Revenue (USD)" means US dollars; "Share (%)" means percentage points.
 *
 * @param unit       as in {@link Quantity#unit()}; {@code null} for a scale alone ("Downloads (m)")
 * @param multiplier what one unit in the column is worth in base units (亿元: 100000000; %: 0.01)
 */
public record UnitHint(String unit, BigDecimal multiplier) {

    // The last bracketed note of a header, or a "单位：..." / "unit: ..." tail; the label may be inside the
    // bracket too ("出口额（单位：亿元）").
    private static final Pattern BRACKETED_NOTE = Pattern.compile("[(\\[【〔]([^()\\[\\]【】〔〕]+)[)\\]】〕]\\s*$");
    private static final Pattern UNIT_LABEL = Pattern.compile("(?:单位|unit|units)\\s*[:：]\\s*(.+)$");
    private static final Pattern LEADING_UNIT_LABEL = Pattern.compile("^\\s*(?:单位|unit|units)\\s*[:：]\\s*");
    private static final Pattern SPACES = Pattern.compile("[\\s,.]+");
    // A unit written after the name past a slash or a space, with no brackets: "出口额/亿元", "出口额 亿元".
    private static final Pattern NAME_UNIT_BREAK = Pattern.compile("\\s*/\\s*|\\s+");
    // English words ending many names ("Parcel count", "Zone no") that would read as a count after a space.
    private static final Set<String> COUNT_WORDS = Set.of("count", "number", "no");

    public UnitHint {
        if (multiplier == null || multiplier.signum() <= 0) {
            throw new IllegalArgumentException("multiplier must be positive");
        }
    }

    /**
     * Reads the unit note of a header: （亿元）, (万元), (元), (千元), (万美元), (美元), (USD), (US$), (USD
     * million), (USD m), (CNY 100m), (RMB 10k), (亿美元), (百万美元), （单位：亿元）, （亿元人民币）, (天), (days),
     * (%), (个), (家), (m), (thousand)... Empty when the header has no note or the note is not a unit this
     * project reads (e.g. "(EUR)", "(yyyy-mm-dd)"): callers then treat the column as unit-less, and
     * {@link HeaderCurrency} says whether it names another currency.
     */
    public static Optional<UnitHint> fromHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String s = TextNormaliser.cleanHeader(header).toLowerCase(Locale.ROOT);
        Matcher note = BRACKETED_NOTE.matcher(s);
        String unitText;
        if (note.find()) {
            unitText = LEADING_UNIT_LABEL.matcher(note.group(1)).replaceFirst("");
        } else {
            Matcher label = UNIT_LABEL.matcher(s);
            if (label.find()) {
                unitText = label.group(1);
            } else {
                Optional<String[]> named = nameAndUnit(s);
                if (named.isEmpty()) {
                    return Optional.empty();
                }
                unitText = named.get()[1];
            }
        }
        return fromUnitText(SPACES.matcher(unitText).replaceAll(" ").strip());
    }

    /**
     * The name of a header whose unit follows it past a slash or a space, without brackets: "出口额" for "出口额/亿元",
     * "出口额 亿元" or "Exports EUR". Empty when the header has no such unit (a bracketed one included).
     */
    public static Optional<String> nameBeforeUnit(String header) {
        return header == null ? Optional.empty() : nameAndUnit(TextNormaliser.cleanHeader(header)).map(p -> p[0]);
    }

    /** The unit as written after the name past a slash or a space: "亿元" for "出口额/亿元"; empty when none. */
    public static Optional<String> unitAfterName(String header) {
        return header == null ? Optional.empty() : nameAndUnit(TextNormaliser.cleanHeader(header)).map(p -> p[1]);
    }

    /**
     * A cleaned header split as name and unit at the first slash or space after which all the rest is a unit this
     * project reads or another currency's name ("Exports USD million": at the first space). "Parcel count" is a
     * name, not a count of parcels, and "Country / Region" names no unit.
     */
    private static Optional<String[]> nameAndUnit(String cleaned) {
        Matcher at = NAME_UNIT_BREAK.matcher(cleaned);
        while (at.find()) {
            String name = cleaned.substring(0, at.start());
            String unit = cleaned.substring(at.end());
            if (name.isEmpty() || unit.isEmpty()) {
                continue;
            }
            boolean afterSpace = !at.group().contains("/");
            if (afterSpace && COUNT_WORDS.contains(unit.toLowerCase(Locale.ROOT))) {
                continue;
            }
            // Another currency alone ("EUR", "万欧元") is a unit too, for HeaderCurrency to name.
            if (fromUnitText(SPACES.matcher(unit).replaceAll(" ").strip()).isPresent()
                    || unit.indexOf(' ') < 0 && HeaderCurrency.foreign(unit).isPresent()) {
                return Optional.of(new String[] {name, unit});
            }
        }
        return Optional.empty();
    }

    /** The unit words alone, e.g. "亿元", "USD million", "%". */
    static Optional<UnitHint> fromUnitText(String text) {
        String s = text.toLowerCase(Locale.ROOT).replace(" ", "");
        if (s.isEmpty()) {
            return Optional.empty();
        }
        switch (s) {
            case "%", "percent", "pct", "百分比", "百分数" -> {
                return Optional.of(new UnitHint(Quantity.PERCENT, new BigDecimal("0.01")));
            }
            case "天", "日", "day", "days", "d" -> {
                return Optional.of(new UnitHint(Quantity.DAYS, BigDecimal.ONE));
            }
            default -> {
            }
        }
        // Currency, in any order with a scale: "usdmillion", "millionusd", "cny100m", "万元", "百万美元".
        String currency = null;
        String rest = s;
        String[][] currencies = {
            {"人民币", Quantity.CNY}, {"美元", Quantity.USD}, {"美金", Quantity.USD}, {"us$", Quantity.USD}, {"usd", Quantity.USD},
            {"rmb", Quantity.CNY}, {"cny", Quantity.CNY}, {"yuan", Quantity.CNY}, {"元", Quantity.CNY},
            {"¥", Quantity.CNY}, {"$", Quantity.USD}, {"dollars", Quantity.USD}};
        for (String[] c : currencies) {
            int at = rest.indexOf(c[0]);
            if (at >= 0) {
                if (c[0].equals("元") && at > 0 && "日港欧韩澳加台英".indexOf(rest.charAt(at - 1)) >= 0) {
                    return Optional.empty();
                }
                currency = c[1];
                rest = rest.substring(0, at) + rest.substring(at + c[0].length());
                if (rest.contains("元") && (c[0].equals("人民币") || c[0].equals("rmb") || c[0].equals("cny"))) {
                    rest = rest.replace("元", ""); // 亿元人民币, 人民币万元: the currency said twice
                }
                break;
            }
        }
        // Classifiers for counts: 个, 家, 座, 件, 人, 名, 款, 项, 所, 次, 单; or "count", "number".
        String unit = currency;
        if (unit == null) {
            for (String classifier : new String[] {"个", "家", "座", "件", "人", "名", "款", "项", "所", "次", "单", "count", "number", "no"}) {
                if (rest.endsWith(classifier)) {
                    unit = Quantity.COUNT;
                    rest = rest.substring(0, rest.length() - classifier.length());
                    break;
                }
            }
        }
        Optional<BigDecimal> scale = scale(rest);
        if (scale.isEmpty()) {
            return Optional.empty();
        }
        if (unit == null && scale.get().compareTo(BigDecimal.ONE) == 0) {
            return Optional.empty();
        }
        return Optional.of(new UnitHint(unit, scale.get()));
    }

    private static Optional<BigDecimal> scale(String s) {
        return switch (s) {
            case "" -> Optional.of(BigDecimal.ONE);
            case "十" -> Optional.of(BigDecimal.TEN);
            case "百" -> Optional.of(new BigDecimal("100"));
            case "千", "k", "thousand", "thousands", "000", "'000" -> Optional.of(new BigDecimal("1000"));
            case "万", "10k", "10thousand" -> Optional.of(new BigDecimal("10000"));
            case "十万" -> Optional.of(new BigDecimal("100000"));
            case "百万", "m", "mn", "mln", "mio", "million", "millions" -> Optional.of(new BigDecimal("1000000"));
            case "千万" -> Optional.of(new BigDecimal("10000000"));
            case "亿", "100m", "100million", "100mn" -> Optional.of(new BigDecimal("100000000"));
            case "bn", "bln", "b", "billion", "billions" -> Optional.of(new BigDecimal("1000000000"));
            case "万亿" -> Optional.of(new BigDecimal("1000000000000"));
            default -> Optional.empty();
        };
    }
}

package io.cbec.etl.kind.indicator;

import io.cbec.etl.normalise.TextNormaliser;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The figures reported per pilot zone, declared in the order reports list them (trade value first,
 * parcels last). Money indicators need a currency (from the header or the cell) and are kept in CNY or
 * USD; the others are counts.
 */
public enum Indicator {
    TRADE("CBEC trade value", "跨境电商进出口额", true, List.of("跨境电商进出口额", "跨境电商进出口", "跨境电商交易额",
            "跨境电商进出口总额", "进出口额", "进出口总额", "交易额", "CBEC trade value", "CBEC trade", "Trade value",
            "Cross-border e-commerce trade value", "Import and export value", "Total trade")),
    EXPORTS("Exports", "出口额", true, List.of("出口额", "跨境电商出口额", "出口", "出口总额", "Exports", "Export value",
            "CBEC exports", "Export")),
    IMPORTS("Imports", "进口额", true, List.of("进口额", "跨境电商进口额", "进口", "进口总额", "Imports", "Import value",
            "CBEC imports", "Import")),
    WAREHOUSES("Overseas warehouses", "海外仓数量", false, List.of("海外仓数量", "海外仓", "海外仓个数", "海外仓数",
            "Overseas warehouses", "Overseas warehouse", "Warehouses abroad")),
    ENTERPRISES("Enterprises", "跨境电商企业数", false, List.of("跨境电商企业数", "跨境电商企业数量", "企业数", "企业数量",
            "跨境电商主体", "Enterprises", "CBEC enterprises", "Companies", "Number of enterprises")),
    PARCELS("Parcels", "包裹数", false, List.of("包裹数", "包裹量", "单量", "出口包裹数", "订单量", "出口单量", "Parcels",
            "Parcel count", "Orders", "Order count"));

    private static final Map<String, Indicator> BY_KEY = new HashMap<>();

    static {
        for (Indicator i : values()) {
            BY_KEY.put(TextNormaliser.headerKey(i.name()), i);
            BY_KEY.put(TextNormaliser.headerKey(i.label), i);
            i.aliases.forEach(a -> BY_KEY.put(TextNormaliser.headerKey(a), i));
        }
    }

    private final String label;
    private final String labelZh;
    private final boolean money;
    private final List<String> aliases;

    Indicator(String label, String labelZh, boolean money, List<String> aliases) {
        this.label = label;
        this.labelZh = labelZh;
        this.money = money;
        this.aliases = aliases;
    }

    public String label() {
        return label;
    }

    public String labelZh() {
        return labelZh;
    }

    public boolean money() {
        return money;
    }

    public List<String> aliases() {
        return aliases;
    }

    /** The field name under which the kind reads a column of this indicator, e.g. "exports". */
    public String field() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The indicator a name or header denotes ("出口额（亿元）", "Exports", "cbec trade value"), if any. */
    public static Optional<Indicator> fromName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_KEY.get(TextNormaliser.headerKey(name)));
    }

    public static Optional<Indicator> fromField(String field) {
        for (Indicator i : values()) {
            if (i.field().equals(field)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The first indicator named inside a title or sheet name ("2024年1-6月跨境电商出口额"), longest alias first. */
    public static Optional<Indicator> findIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = TextNormaliser.headerKey(text);
        Indicator best = null;
        int bestLength = 0;
        for (Map.Entry<String, Indicator> e : BY_KEY.entrySet()) {
            if (e.getKey().length() > bestLength && e.getKey().length() >= 2 && key.contains(e.getKey())) {
                best = e.getValue();
                bestLength = e.getKey().length();
            }
        }
        return Optional.ofNullable(best);
    }
}

package io.cbec.etl.kind.platform;

import io.cbec.etl.normalise.BoundedMemo;
import io.cbec.etl.normalise.TextNormaliser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;

/**
 * Countries by any of their names (English, Chinese, ISO code, common forms such as USA, UK, 美国,
 * U.S.), and the areas that stated totals name: the whole world ("Worldwide", "All Countries", 全球) and
 * UN M49 regions, sub-regions and intermediate regions. "North America" (北美, 北美洲) is by default the M49
 * sub-region Northern America (US, CA, BM, GL, PM), as analysts' press sources use it; the setting
 * {@code cbec.regions.north-america: continent} makes it the continent instead (see {@link NorthAmerica}).
 */
public final class CountryDirectory {

    /**
     * What the name "North America" covers. The M49 names themselves ("Northern America", "Central
     * America", "Caribbean") always keep their M49 meaning.
     */
    public enum NorthAmerica {
        /** The M49 sub-region Northern America: US, CA, BM, GL, PM (the default). */
        NORTHERN_AMERICA,
        /** The continent: M49 Northern America + Central America + Caribbean (adds MX, the isthmus, the islands). */
        CONTINENT;

        /** Reads the setting: {@code northern-america} or {@code continent}, any case, {@code -} or {@code _}. */
        public static NorthAmerica of(String setting) {
            String s = setting == null ? "" : setting.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            if (s.isEmpty()) {
                return NORTHERN_AMERICA;
            }
            for (NorthAmerica n : values()) {
                if (n.name().equals(s)) {
                    return n;
                }
            }
            throw new IllegalArgumentException("cbec.regions.north-america must be northern-america (US, CA, BM, GL, PM)"
                    + " or continent (Northern America, Central America and the Caribbean), not '" + setting + "'");
        }
    }

    private static final List<String> NORTH_AMERICA_NAMES = List.of("North America", "北美", "北美洲");
    private static final List<String> CONTINENT_PARTS = List.of("Northern America", "Central America", "Caribbean");

    /** An area a total row or a control names: the world, or a set of countries. */
    public record Area(String name, boolean world, Set<String> codes) {
    }

    // The total markers of docs/input-formats.md name the whole world in a country column, "Sum" and "All" too.
    // The first four are also header aliases of countries-as-columns layouts (see the constructor).
    private static final List<String> WORLD_NAMES = List.of("Worldwide", "World", "All Countries", "All countries and regions",
            "Global", "Total", "Grand total", "全球", "世界", "全部国家", "所有国家", "合计", "总计", "共计", "Sum", "All");
    // Common names of M49 areas that differ from the M49 name.
    private static final Map<String, String> AREA_ALIASES = Map.ofEntries(
            Map.entry("Latin America", "Latin America and the Caribbean"),
            Map.entry("LATAM", "Latin America and the Caribbean"), Map.entry("拉美", "Latin America and the Caribbean"),
            Map.entry("拉丁美洲", "Latin America and the Caribbean"), Map.entry("欧洲", "Europe"),
            Map.entry("亚洲", "Asia"), Map.entry("非洲", "Africa"), Map.entry("大洋洲", "Oceania"),
            Map.entry("美洲", "Americas"), Map.entry("America (continent)", "Americas"),
            Map.entry("东南亚", "South-eastern Asia"), Map.entry("Southeast Asia", "South-eastern Asia"),
            Map.entry("South East Asia", "South-eastern Asia"), Map.entry("东亚", "Eastern Asia"),
            Map.entry("East Asia", "Eastern Asia"), Map.entry("南亚", "Southern Asia"), Map.entry("South Asia", "Southern Asia"),
            Map.entry("西亚", "Western Asia"), Map.entry("中亚", "Central Asia"), Map.entry("西欧", "Western Europe"),
            Map.entry("东欧", "Eastern Europe"), Map.entry("北欧", "Northern Europe"), Map.entry("南欧", "Southern Europe"),
            Map.entry("南美", "South America"), Map.entry("南美洲", "South America"), Map.entry("中美洲", "Central America"),
            Map.entry("加勒比", "Caribbean"), Map.entry("Sub-Saharan Africa", "Sub-Saharan Africa"),
            Map.entry("Australasia", "Australia and New Zealand"));

    private final Map<String, Country> byCode = new LinkedHashMap<>();
    private final Map<String, Country> byKey = new HashMap<>();
    private final Map<String, Area> areas = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final BoundedMemo<Optional<Country>> countryMemo =
            new BoundedMemo<>(4096, name -> Optional.ofNullable(byKey.get(key(name))));
    private final BoundedMemo<Optional<Area>> areaMemo = new BoundedMemo<>(4096, this::findArea);

    private CountryDirectory(List<CSVRecord> rows, NorthAmerica northAmerica) {
        for (CSVRecord row : rows) {
            Country c = new Country(row.get("code").toUpperCase(), row.get("name_en"), row.get("name_zh"),
                    row.get("region"), row.get("sub_region"), row.get("intermediate_region"));
            byCode.put(c.code(), c);
            List<String> names = new ArrayList<>(List.of(c.code(), c.nameEn(), c.nameZh()));
            names.addAll(ReferenceTable.aliases(row));
            for (String name : names) {
                if (!name.isBlank()) {
                    byKey.put(key(name), c);
                    this.names.add(name);
                }
            }
        }
        Map<String, Set<String>> members = new LinkedHashMap<>();
        for (Country c : byCode.values()) {
            for (String area : new String[] {c.region(), c.subRegion(), c.intermediateRegion()}) {
                if (!area.isEmpty()) {
                    members.computeIfAbsent(area, k -> new LinkedHashSet<>()).add(c.code());
                }
            }
        }
        members.forEach((name, codes) -> areas.put(key(name), new Area(name, false, Set.copyOf(codes))));
        AREA_ALIASES.forEach((alias, name) -> {
            Area area = areas.get(key(name));
            if (area != null) {
                areas.put(key(alias), area);
            }
        });
        Area north;
        if (northAmerica == NorthAmerica.CONTINENT) {
            Set<String> codes = new LinkedHashSet<>();
            CONTINENT_PARTS.forEach(part -> codes.addAll(members.getOrDefault(part, Set.of())));
            north = new Area("North America", false, Set.copyOf(codes));
        } else {
            north = areas.get(key("Northern America"));
        }
        if (north != null) {
            NORTH_AMERICA_NAMES.forEach(n -> areas.put(key(n), north));
        }
        Area world = new Area("Worldwide", true, Set.copyOf(byCode.keySet()));
        WORLD_NAMES.forEach(n -> areas.put(key(n), world));
        members.keySet().forEach(names::add);
        names.addAll(AREA_ALIASES.keySet());
        names.addAll(NORTH_AMERICA_NAMES);
        names.addAll(WORLD_NAMES.subList(0, 4));
        names.add("全球");
    }

    public static CountryDirectory load(Path extraDir) {
        return load(extraDir, NorthAmerica.NORTHERN_AMERICA);
    }

    public static CountryDirectory load(Path extraDir, NorthAmerica northAmerica) {
        return new CountryDirectory(ReferenceTable.read("countries.csv", extraDir), northAmerica);
    }

    private static final Pattern PUNCTUATION_AND_SPACE = Pattern.compile("[\\p{P}\\s]+");

    /**
     * Cleaned, lower-cased, punctuation and spaces removed: "Korea, Republic of" and "korea republic of"
     * agree. Unlike header keys, bracketed words stay: "Congo (Kinshasa)" is not "Congo".
     */
    static String key(String name) {
        String s = TextNormaliser.clean(name.replace("&", " and ")).toLowerCase(Locale.ROOT);
        return PUNCTUATION_AND_SPACE.matcher(s).replaceAll("");
    }

    public Optional<Country> country(String name) {
        return name == null ? Optional.empty() : countryMemo.get(name);
    }

    /** The report region of a code the country list does not know. */
    static final String OTHER_REGION = "Other";

    /** The report region of a country code, {@value #OTHER_REGION} for a code the list does not know. */
    String reportRegion(String code) {
        return byCode(code).map(Country::reportRegion).orElse(OTHER_REGION);
    }

    public Optional<Country> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** The world or an M49 area named so; empty for a country or an unknown name. */
    public Optional<Area> area(String name) {
        return name == null ? Optional.empty() : areaMemo.get(name);
    }

    private Optional<Area> findArea(String name) {
        String k = key(name);
        return byKey.containsKey(k) ? Optional.empty() : Optional.ofNullable(areas.get(k));
    }

    public Collection<Country> all() {
        return byCode.values();
    }

    /** Every name a country or area is known by, for header aliases of countries-as-columns layouts. */
    public List<String> names() {
        return names;
    }
}

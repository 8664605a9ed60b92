package io.cbec.etl.normalise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVRecord;

/**
 * China's administrative divisions, as bundled in {@code reference/cn-admin-divisions.csv}, indexed by
 * Chinese full name, Chinese short name, romanised name and code, for reading provinces and pilot-zone
 * names the way people write them.
 *
 * <p>Zone names are matched exactly after normalisation, never fuzzily: a misspelt name is
 * {@link ZoneMatch.Unknown}, not the nearest city. Only descriptive wrappers are peeled off when the
 * name as written matches nothing: "中国（杭州）跨境电子商务综合试验区", "杭州综试区", "杭州市", "大理州",
 * "Hangzhou City", "Dali Bai Autonomous Prefecture", "Kashgar Prefecture".
 *
 * <p>How several candidates are settled: the province, when given, removes those outside it. If the
 * rest lie in more than one province the name is {@link ZoneMatch.Ambiguous} (Taizhou is 台州 in
 * Zhejiang and 泰州 in Jiangsu; 海南 is a province, a Qinghai prefecture and an Inner Mongolia
 * district). Within one province an exact full-name match beats a short-name match, then
 * prefecture-level beats county-level beats province-level ("吉林" in 吉林 is 吉林市), except that a
 * municipality (北京, 天津, 上海, 重庆) or special administrative region is itself the zone; the
 * statistical prefecture rows under municipalities (北京市 110100, 重庆城区) are never returned.
 */
public final class DivisionDirectory {

    private static final String DIVISIONS_FILE = "cn-admin-divisions.csv";
    private static final String ENGLISH_NAMES_FILE = "english-names.csv";
    private static final String NEW_AREAS_FILE = "new-areas.csv";

    private static final Pattern CJK = Pattern.compile("[\\p{IsHan}]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern PROVINCE_CODE = Pattern.compile("(\\d{2})(?:0000)?");
    private static final Pattern DIVISION_CODE = Pattern.compile("(\\d{6})(?:\\d{6})?");
    private static final Pattern ALIAS_SEPARATOR = Pattern.compile("\\|");

    // Peeled off one at a time, only when the name as written matched nothing.
    private static final List<Pattern> CHINESE_WRAPPERS = List.of(
            Pattern.compile("^中国\\((.+?)\\)(?:跨境电子商务|跨境电商)?(?:综合试验区|综试区)$"),
            Pattern.compile("^(.+?)(?:跨境电子商务|跨境电商)?(?:综合试验区|综试区)$"),
            Pattern.compile("^(.+?)(?:特别行政区|自治区|自治州|地区|市|省|盟|州)$"));
    private static final Pattern ENGLISH_WRAPPER = Pattern.compile("(?i)^china\\s*\\((.+?)\\).*$");

    /** Words that describe a place rather than name it, as they trail English names. */
    private static final Set<String> DESCRIPTIVE_WORDS = Set.of(
            "city", "shi", "prefecture", "autonomous", "region", "district", "county", "league", "banner",
            "province", "sheng", "municipality", "special", "administrative", "sar", "diqu", "area", "new",
            "cross", "border", "crossborder", "e", "commerce", "ecommerce", "comprehensive", "pilot",
            "experimental", "trial", "zone", "cbec", "and",
            // ethnic groups in the names of autonomous regions and prefectures
            "bai", "zhuang", "hui", "uygur", "uyghur", "uighur", "tibetan", "korean", "hani", "yi", "dai",
            "jingpo", "kazak", "kazakh", "mongol", "mongolian", "miao", "dong", "tujia", "buyei", "bouyei",
            "qiang", "lisu", "naxi", "li", "yao", "tu", "salar", "daur", "manchu");
    private static final Set<String> PROVINCE_WORDS = Set.of("province", "sheng", "municipality", "sar", "region");
    private static final Set<String> PREFECTURE_WORDS = Set.of("prefecture", "league", "diqu");
    private static final Set<String> COUNTY_WORDS = Set.of("county", "district", "banner");
    private static final Set<String> CITY_WORDS = Set.of("city", "shi");

    // The source keeps the suffix in a short name where the bare name would clash (吉林市 beside 吉林省,
    // 淮安区 beside 淮安市); people still write the bare name, so it is indexed too.
    private static final Pattern SUFFIXED_SHORT_NAME = Pattern.compile("(.{2,})[市区县]");
    private static final Pattern SUFFIX_IS_PART_OF_NAME = Pattern.compile(".*(?:新区|矿区|林区|城区|郊县)|.*自治.*");

    private final Map<String, Province> provincesByCode;
    private final Map<String, Division> divisionsByCode;
    private final Map<String, List<Division>> byFullName = new HashMap<>();
    private final Map<String, List<Division>> byShortName = new HashMap<>();
    private final Map<String, List<Division>> byRomanised = new HashMap<>();

    private DivisionDirectory() {
        Map<String, EnglishName> english = readEnglishNames();
        List<CSVRecord> rows = ReferenceCsv.read(DIVISIONS_FILE).stream()
                .filter(row -> !row.get("id").startsWith("91")) // 国外: abroad, not a division
                .toList();
        provincesByCode = readProvinces(rows, english);
        divisionsByCode = new HashMap<>();
        for (CSVRecord row : rows) {
            addDivision(row, english);
        }
        addNewAreas();
    }

    private static final class Bundled {
        static final DivisionDirectory INSTANCE = new DivisionDirectory();
    }

    /** The directory built from the bundled reference files; loaded once, then shared (immutable). */
    public static DivisionDirectory bundled() {
        return Bundled.INSTANCE;
    }

    /**
     * A province from any usual spelling: 浙江, 浙江省, Zhejiang, zhejiang province, 330000, 33,
     * 内蒙古自治区, Inner Mongolia, Nei Menggu, Guangxi Zhuang Autonomous Region, Xinjiang Uygur,
     * Tibet, Beijing Municipality, 香港特别行政区, Hong Kong. 陕西 is Shaanxi, 山西 is Shanxi.
     */
    public Optional<Province> province(String anyName) {
        String name = TextNormaliser.clean(anyName);
        if (PROVINCE_CODE.matcher(name).matches()) {
            return provinceByCode(name);
        }
        for (Variant variant : variants(name)) {
            List<Province> provinces = lookup(variant).stream()
                    .filter(c -> c.division().level() == Division.PROVINCE_LEVEL)
                    .map(c -> c.division().province())
                    .distinct()
                    .toList();
            if (provinces.size() == 1) {
                return Optional.of(provinces.get(0));
            }
        }
        return Optional.empty();
    }

    /** A province by its code: "33" or "330000". */
    public Optional<Province> provinceByCode(String code) {
        Matcher m = PROVINCE_CODE.matcher(TextNormaliser.clean(code));
        return m.matches() ? Optional.ofNullable(provincesByCode.get(m.group(1) + "0000")) : Optional.empty();
    }

    /** The province a division code (e.g. "330782") belongs to. */
    public Province provinceOf(String divisionCode) {
        Matcher m = DIVISION_CODE.matcher(TextNormaliser.clean(divisionCode));
        Province province = m.matches() ? provincesByCode.get(m.group(1).substring(0, 2) + "0000") : null;
        if (province == null) {
            throw new IllegalArgumentException("not a division code: " + divisionCode);
        }
        return province;
    }

    /** A division by its six-digit code (or twelve-digit statistics code). */
    public Optional<Division> divisionByCode(String code) {
        Matcher m = DIVISION_CODE.matcher(TextNormaliser.clean(code));
        return m.matches() ? Optional.ofNullable(divisionsByCode.get(m.group(1))) : Optional.empty();
    }

    /**
     * The division a pilot-zone name stands for; see the class comment for how several candidates
     * are settled.
     *
     * @param name           the zone as written: 杭州, 杭州市, 中国（杭州）跨境电子商务综合试验区, Hangzhou,
     *                       hang zhou, 大理州, Kashgar Prefecture, 雄安新区, a six-digit code
     * @param provinceOrNull the row's province, when it has one
     */
    public ZoneMatch resolveZone(String name, Province provinceOrNull) {
        String cleaned = TextNormaliser.clean(name);
        Matcher code = DIVISION_CODE.matcher(cleaned);
        if (code.matches()) {
            return divisionByCode(cleaned)
                    .filter(d -> provinceOrNull == null || d.province().equals(provinceOrNull))
                    .<ZoneMatch>map(ZoneMatch.Found::new)
                    .orElseGet(() -> new ZoneMatch.Unknown(cleaned));
        }
        for (Variant variant : variants(cleaned)) {
            List<Candidate> candidates = lookup(variant);
            if (candidates.isEmpty()) {
                continue;
            }
            // The first spelling that matches anything decides: peeling further could only guess.
            if (provinceOrNull != null) {
                candidates = candidates.stream()
                        .filter(c -> c.division().province().equals(provinceOrNull)).toList();
            }
            List<Candidate> hinted = candidates.stream().filter(c -> variant.hint().test(c.division())).toList();
            return settle(cleaned, hinted.isEmpty() ? candidates : hinted);
        }
        return new ZoneMatch.Unknown(cleaned);
    }

    private static ZoneMatch settle(String name, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return new ZoneMatch.Unknown(name);
        }
        long provinces = candidates.stream().map(c -> c.division().province().code()).distinct().count();
        List<Candidate> best = candidates;
        if (provinces == 1) {
            int bestRank = candidates.stream().mapToInt(Candidate::rank).min().orElseThrow();
            best = candidates.stream().filter(c -> c.rank() == bestRank).toList();
        }
        List<Division> divisions = best.stream()
                .map(Candidate::division)
                .distinct()
                .sorted(Comparator.comparing(Division::code, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return divisions.size() == 1 ? new ZoneMatch.Found(divisions.get(0)) : new ZoneMatch.Ambiguous(divisions);
    }

    /** A division found under one spelling, and how it was found. */
    private record Candidate(Division division, boolean fullName) {

        /** Lower is preferred: full name before short name, then prefecture, county, province. */
        int rank() {
            return (fullName ? 0 : 10) + levelRank();
        }

        private int levelRank() {
            return switch (division.level()) {
                case Division.PREFECTURE_LEVEL, Division.NEW_AREA -> 0;
                case Division.COUNTY_LEVEL -> 1;
                default -> isWholeCity(division.province()) ? 0 : 2;
            };
        }
    }

    /** One spelling to look up, with a preference implied by the words peeled off to reach it. */
    private record Variant(String text, boolean chinese, Predicate<Division> hint) {
    }

    private List<Candidate> lookup(Variant variant) {
        List<Candidate> found = new ArrayList<>();
        if (variant.chinese()) {
            String key = SPACES.matcher(variant.text()).replaceAll("");
            byFullName.getOrDefault(key, List.of()).forEach(d -> found.add(new Candidate(d, true)));
            byShortName.getOrDefault(key, List.of()).forEach(d -> found.add(new Candidate(d, false)));
        } else {
            byRomanised.getOrDefault(variant.text(), List.of()).forEach(d -> found.add(new Candidate(d, false)));
        }
        return found;
    }

    /** The spellings to try for a name, as written first. */
    private static List<Variant> variants(String name) {
        List<Variant> variants = new ArrayList<>();
        if (name.isEmpty()) {
            return variants;
        }
        if (CJK.matcher(name).find()) {
            Set<String> seen = new LinkedHashSet<>();
            List<String> queue = new ArrayList<>(List.of(SPACES.matcher(name).replaceAll("")));
            for (int i = 0; i < queue.size(); i++) {
                String text = queue.get(i);
                if (!seen.add(text)) {
                    continue;
                }
                variants.add(new Variant(text, true, d -> true));
                for (Pattern wrapper : CHINESE_WRAPPERS) {
                    Matcher m = wrapper.matcher(text);
                    if (m.matches()) {
                        queue.add(m.group(1));
                    }
                }
            }
            return variants;
        }
        Matcher wrapped = ENGLISH_WRAPPER.matcher(name);
        if (wrapped.matches()) {
            variants.addAll(romanisedVariants(wrapped.group(1)));
        }
        variants.addAll(romanisedVariants(name));
        if (name.indexOf('ü') >= 0 || name.indexOf('Ü') >= 0) {
            // The ü of an exonym (Ürümqi, from Uyghur) is a u with marks (Urumqi), not pinyin's ü (Lüliang, Lvliang).
            variants.addAll(romanisedVariants(name.replace('ü', 'u').replace('Ü', 'U')));
        }
        return variants;
    }

    private static List<Variant> romanisedVariants(String name) {
        String[] words = RomanisedName.words(name);
        List<Variant> variants = new ArrayList<>();
        Set<String> peeled = new LinkedHashSet<>();
        for (int end = words.length; end > 0; end--) {
            Predicate<Division> hint = hintFor(peeled);
            variants.add(new Variant(String.join("", Arrays.copyOfRange(words, 0, end)), false, hint));
            if (!DESCRIPTIVE_WORDS.contains(words[end - 1])) {
                break;
            }
            peeled.add(words[end - 1]);
        }
        return variants;
    }

    /**
     * "Prefecture", "County", "Province" or "City" peeled off a name say which level was meant: "Dali
     * Bai Autonomous Prefecture" is 大理州, not 大荔县. The hint is dropped if it would leave nothing.
     */
    private static Predicate<Division> hintFor(Set<String> peeledWords) {
        if (peeledWords.stream().anyMatch(PREFECTURE_WORDS::contains)) {
            return d -> d.level() == Division.PREFECTURE_LEVEL;
        }
        if (peeledWords.stream().anyMatch(COUNTY_WORDS::contains)) {
            return d -> d.level() == Division.COUNTY_LEVEL;
        }
        if (peeledWords.stream().anyMatch(CITY_WORDS::contains)) {
            return d -> d.level() != Division.PROVINCE_LEVEL || isWholeCity(d.province());
        }
        if (peeledWords.stream().anyMatch(PROVINCE_WORDS::contains)) {
            return d -> d.level() == Division.PROVINCE_LEVEL;
        }
        return d -> true;
    }

    /** Municipalities and special administrative regions are cities as well as provinces. */
    private static boolean isWholeCity(Province province) {
        return province.isMunicipality() || province.code().equals("810000") || province.code().equals("820000");
    }

    // ---- loading ---------------------------------------------------------------------------------

    private record EnglishName(String nameEn, List<String> alsoAccept) {
    }

    private static Map<String, EnglishName> readEnglishNames() {
        Map<String, EnglishName> names = new HashMap<>();
        for (CSVRecord row : ReferenceCsv.read(ENGLISH_NAMES_FILE)) {
            names.put(row.get("code"), new EnglishName(row.get("name_en"), aliases(row.get("also_accept"))));
        }
        return names;
    }

    private static List<String> aliases(String field) {
        return field.isBlank() ? List.of()
                : Arrays.stream(ALIAS_SEPARATOR.split(field)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, Province> readProvinces(List<CSVRecord> rows, Map<String, EnglishName> english) {
        Map<String, Province> provinces = new HashMap<>();
        for (CSVRecord row : rows) {
            if (Integer.parseInt(row.get("deep")) == Division.PROVINCE_LEVEL) {
                String code = row.get("ext_id").substring(0, 6);
                String nameEn = englishName(code, row.get("pinyin"), english);
                provinces.put(code, new Province(code, row.get("ext_name"), row.get("name"), nameEn,
                        Region.ofProvinceCode(code.substring(0, 2))));
            }
        }
        return Map.copyOf(provinces);
    }

    private static String englishName(String code, String pinyin, Map<String, EnglishName> english) {
        EnglishName override = english.get(code);
        return override != null ? override.nameEn() : RomanisedName.fromPinyin(pinyin);
    }

    private void addDivision(CSVRecord row, Map<String, EnglishName> english) {
        String code = row.get("ext_id").substring(0, 6);
        if (divisionsByCode.containsKey(code)) {
            // Units directly under a province (东莞, 济源, 香港) repeat their row one level down with the
            // same code; the first, higher-level row is the division.
            return;
        }
        int level = Integer.parseInt(row.get("deep"));
        Province province = provincesByCode.get(code.substring(0, 2) + "0000");
        String sourceShortName = row.get("name");
        String shortZh = sourceShortName;
        String pinyin = row.get("pinyin");
        Matcher suffixed = SUFFIXED_SHORT_NAME.matcher(sourceShortName);
        if (level > Division.PROVINCE_LEVEL && sourceShortName.equals(row.get("ext_name")) && suffixed.matches()
                && !SUFFIX_IS_PART_OF_NAME.matcher(sourceShortName).matches()) {
            shortZh = suffixed.group(1);
            String[] syllables = SPACES.split(pinyin.strip());
            if (syllables.length == sourceShortName.length()) {
                pinyin = String.join(" ", Arrays.copyOf(syllables, syllables.length - 1));
            }
        }
        Division division = new Division(code, row.get("ext_name"), shortZh,
                englishName(code, pinyin, english), level, province);
        divisionsByCode.put(code, division);
        if (level == Division.PREFECTURE_LEVEL && province.isMunicipality()) {
            // 北京市 110100, 重庆城区, 重庆郊县 are statistical groupings: the municipality is the zone.
            return;
        }
        index(byFullName, SPACES.matcher(division.nameZh()).replaceAll(""), division);
        index(byShortName, SPACES.matcher(division.shortZh()).replaceAll(""), division);
        index(byShortName, SPACES.matcher(sourceShortName).replaceAll(""), division);
        index(byRomanised, RomanisedName.key(division.nameEn()), division);
        EnglishName override = english.get(code);
        if (override == null) {
            index(byRomanised, RomanisedName.key(pinyin), division);
        } else {
            // An override replaces the pinyin (陕西 must not answer to "shanxi"); accepted spellings are listed.
            override.alsoAccept().forEach(alias -> indexAlias(alias, division));
        }
    }

    private void addNewAreas() {
        for (CSVRecord row : ReferenceCsv.read(NEW_AREAS_FILE)) {
            Province province = provincesByCode.get(row.get("province_code"));
            if (province == null) {
                throw new IllegalStateException("new area with unknown province code: " + row);
            }
            Division area = new Division(null, row.get("name_zh"), row.get("short_zh"), row.get("name_en"),
                    Division.NEW_AREA, province);
            index(byFullName, area.nameZh(), area);
            index(byShortName, area.shortZh(), area);
            index(byRomanised, RomanisedName.key(area.nameEn()), area);
            aliases(row.get("also_accept")).forEach(alias -> indexAlias(alias, area));
        }
    }

    private void indexAlias(String alias, Division division) {
        if (CJK.matcher(alias).find()) {
            index(byFullName, SPACES.matcher(alias).replaceAll(""), division);
        } else {
            index(byRomanised, RomanisedName.key(alias), division);
        }
    }

    private static void index(Map<String, List<Division>> index, String key, Division division) {
        if (key.isEmpty()) {
            return;
        }
        List<Division> divisions = index.computeIfAbsent(key, k -> new ArrayList<>(1));
        if (!divisions.contains(division)) {
            divisions.add(division);
        }
    }
}

package io.cbec.etl.normalise;

/**
 * An administrative division a pilot zone can be: a province-level unit (level 0: a municipality
 * such as 上海, or a whole province such as 海南), a prefecture-level unit (level 1: 杭州市,
 * 大理白族自治州, 喀什地区) or a county-level unit (level 2: 义乌市, 延吉市). A new area without a
 * division code of its own (雄安新区) has a {@code null} code and level -1.
 *
 * @param code     six-digit GB/T 2260 code, or null for a new area
 * @param nameZh   full official name, e.g. 杭州市
 * @param shortZh  short name, e.g. 杭州
 * @param nameEn   conventional English name, e.g. Hangzhou, Xi'an, Harbin
 * @param level    0 province-level, 1 prefecture-level, 2 county-level, -1 new area
 * @param province the province-level division it belongs to (itself for level 0)
 */
public record Division(String code, String nameZh, String shortZh, String nameEn, int level, Province province) {

    public static final int NEW_AREA = -1;
    public static final int PROVINCE_LEVEL = 0;
    public static final int PREFECTURE_LEVEL = 1;
    public static final int COUNTY_LEVEL = 2;

    @Override
    public String toString() {
        return (code == null ? "no code" : code) + " " + nameZh + " (" + province.shortZh() + ")";
    }
}

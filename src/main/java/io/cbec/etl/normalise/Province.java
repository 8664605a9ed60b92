package io.cbec.etl.normalise;

/**
 * A province-level division: province, autonomous region, municipality or special administrative
 * region.
 *
 * @param code   six-digit GB/T 2260 code as text, e.g. "330000"
 * @param nameZh full official name, e.g. 浙江省, 广西壮族自治区
 * @param shortZh short name, e.g. 浙江, 广西
 * @param nameEn conventional English name, e.g. Zhejiang, Shaanxi, Inner Mongolia
 * @param region NBS economic region
 */
public record Province(String code, String nameZh, String shortZh, String nameEn, Region region) {

    /** Municipalities directly under the central government: the province is also the city. */
    public boolean isMunicipality() {
        return switch (code) {
            case "110000", "120000", "310000", "500000" -> true;
            default -> false;
        };
    }
}

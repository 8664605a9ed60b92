package io.cbec.etl.kind.platform;

/**
 * A country or territory: ISO 3166-1 alpha-2 code, names, and its UN M49 region, sub-region and
 * intermediate region (empty where M49 gives none, e.g. Antarctica).
 */
public record Country(String code, String nameEn, String nameZh, String region, String subRegion,
                      String intermediateRegion) {

    /** The region shown in reports: the M49 sub-region ("Northern America", "Western Europe"). */
    public String reportRegion() {
        return subRegion.isEmpty() ? "Other" : subRegion;
    }
}

package io.cbec.etl.normalise;

/**
 * The National Bureau of Statistics' four economic regions of mainland China, plus {@link #OTHER}
 * for Hong Kong, Macao and Taiwan, which the bureau's regional statistics leave out.
 */
public enum Region {
    EAST("East"),
    CENTRAL("Central"),
    WEST("West"),
    NORTHEAST("Northeast"),
    OTHER("Other");

    private final String label;

    Region(String label) {
        this.label = label;
    }

    /** The English label used in reports. */
    public String label() {
        return label;
    }

    /** The region of a province given by the first two digits of its GB/T 2260 code. */
    static Region ofProvinceCode(String twoDigits) {
        return switch (twoDigits) {
            case "11", "12", "13", "31", "32", "33", "35", "37", "44", "46" -> EAST;
            case "14", "34", "36", "41", "42", "43" -> CENTRAL;
            case "15", "45", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65" -> WEST;
            case "21", "22", "23" -> NORTHEAST;
            default -> OTHER;
        };
    }
}

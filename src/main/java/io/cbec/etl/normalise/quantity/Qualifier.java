package io.cbec.etl.normalise.quantity;

/**
 * How a stated figure relates to the true value: "nearly 20 million" is AT_MOST 20,000,000, "more than
 * 90 percent" is MORE_THAN 0.90, "about 5 days" is ABOUT 5, "700以上" is AT_LEAST 700. Checks compare
 * actual figures with the stated one according to its qualifier.
 */
public enum Qualifier {
    EXACT(null), ABOUT("about"), AT_LEAST("at least"), AT_MOST("nearly"), MORE_THAN("more than"),
    LESS_THAN("less than");

    private final String word;

    Qualifier(String word) {
        this.word = word;
    }

    /**
     * The English word shown before a figure so qualified ("nearly 20,000,000"); null for EXACT. Some words
     * read differently keep their own: see {@link QuantityParser#qualifierWord(String)}.
     */
    public String word() {
        return word;
    }
}

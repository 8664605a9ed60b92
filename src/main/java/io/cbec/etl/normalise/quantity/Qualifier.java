package io.cbec.etl.normalise.quantity;

/**
 * How a stated figure relates to the true value: "nearly 20 million" is AT_MOST 20,000,000, "more than
 * 90 percent" is MORE_THAN 0.90, "about 5 days" is ABOUT 5. Checks compare actual figures with the
 * stated one according to its qualifier.
 */
public enum Qualifier {
    EXACT, ABOUT, AT_LEAST, AT_MOST, MORE_THAN, LESS_THAN
}

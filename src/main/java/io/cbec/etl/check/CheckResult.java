package io.cbec.etl.check;

/**
 * One row of the Checks sheet: what was checked, over what, the figure the source states (expected),
 * the figure the data gives (actual), the verdict, a sentence for people, and the place it came from.
 * Expected and actual that are numbers are {@link CheckValue.Figure}s, written as numeric cells.
 */
public record CheckResult(String check, String scope, CheckValue expected, CheckValue actual, CheckStatus status,
                          String detail, String source) {

    public CheckResult {
        expected = expected == null ? CheckValue.EMPTY : expected;
        actual = actual == null ? CheckValue.EMPTY : actual;
    }

    /** A check whose expected and actual are words, not numbers ("a registry sheet", "none"). */
    public CheckResult(String check, String scope, String expected, String actual, CheckStatus status, String detail,
                       String source) {
        this(check, scope, CheckValue.text(expected), CheckValue.text(actual), status, detail, source);
    }
}

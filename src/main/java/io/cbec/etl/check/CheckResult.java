package io.cbec.etl.check;

/**
 * One row of the Checks sheet: what was checked, over what, the figure the source states (expected),
 * the figure the data gives (actual), the verdict, a sentence for people, and the place it came from.
 */
public record CheckResult(String check, String scope, String expected, String actual, CheckStatus status,
                          String detail, String source) {

    public static CheckResult compare(String check, String scope, Object expected, Object actual, String detail,
                                      String source) {
        boolean same = String.valueOf(expected).equals(String.valueOf(actual));
        return new CheckResult(check, scope, String.valueOf(expected), String.valueOf(actual),
                same ? CheckStatus.PASS : CheckStatus.FAIL, detail, source);
    }
}

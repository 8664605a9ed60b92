package io.cbec.etl.normalise;

import java.util.Locale;
import java.util.Set;

/**
 * A figure cell that is empty or holds only a dash or a not-applicable mark ({@code -}, {@code —},
 * {@code N/A}, {@code 不适用}, {@code 无}, {@code …}): statistical tables and exports write these for "not
 * reported". Such a cell is left out of its row, never read as 0 nor refused as an unreadable number. One
 * set for every kind, so that a mark read as "not reported" in one sheet is not a rejected row in another.
 */
public final class NotReported {

    private static final Set<String> MARKS = Set.of("-", "—", "--", "–", "/", "n/a", "na", "不适用", "无", "…", "...");

    private NotReported() {
    }

    /** True for {@code null}, blank text, or one of the marks (after {@link TextNormaliser#clean}, any case). */
    public static boolean is(String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        // Most figure cells of a CSV export are text starting with a digit: no mark does, so no clean() per cell.
        return !Character.isDigit(text.charAt(0)) && MARKS.contains(TextNormaliser.clean(text).toLowerCase(Locale.ROOT));
    }
}

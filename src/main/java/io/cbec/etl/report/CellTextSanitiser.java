package io.cbec.etl.report;

/**
 * Makes any text safe to put in a cell, so that no caller has to remember to: strips characters that
 * are illegal in the sheet XML, truncates to Excel's cell limit with a visible marker, and flags text
 * that a spreadsheet would read as a formula (or a DDE payload) when a person edits or re-imports it.
 * Kinds use {@link #truncate(String, int)} to fit text to a staging column with the same marker, so that
 * no cut is ever silent.
 */
public final class CellTextSanitiser {

    /** Excel's limit on the characters (UTF-16 units) in one cell. */
    public static final int MAX_CELL_CHARS = 32_767;

    /** Appended to truncated text; {@code %d} is the number of characters removed. */
    static final String TRUNCATION_MARKER = "…[truncated %d chars]";

    private CellTextSanitiser() {
    }

    /** Text ready for a string cell, and whether the cell needs the quote-prefix style. */
    record SafeText(String text, boolean quotePrefixed) {
    }

    static SafeText sanitise(String raw) {
        String text = truncate(removeIllegalCharacters(raw));
        return new SafeText(text, looksLikeFormula(text));
    }

    /**
     * Control characters other than tab, LF and CR are not allowed in XML 1.0 and make Excel refuse
     * the file; so are lone surrogates and U+FFFE/U+FFFF. C1 controls are legal XML but never meant.
     */
    static String removeIllegalCharacters(String raw) {
        StringBuilder kept = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean legal;
            if (Character.isHighSurrogate(c)) {
                legal = i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1));
                if (legal) {
                    if (kept != null) {
                        kept.append(c).append(raw.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else if (Character.isLowSurrogate(c)) {
                legal = false;
            } else if (c == '\t' || c == '\n' || c == '\r') {
                legal = true;
            } else {
                legal = !Character.isISOControl(c) && c != '\uFFFE' && c != '\uFFFF';
            }
            if (!legal && kept == null) {
                kept = new StringBuilder(raw.length()).append(raw, 0, i);
            } else if (legal && kept != null) {
                kept.append(c);
            }
        }
        return kept == null ? raw : kept.toString();
    }

    static String truncate(String text) {
        return truncate(text, MAX_CELL_CHARS);
    }

    /**
     * The text whole if it has at most {@code limit} characters (UTF-16 units); otherwise its start and the
     * marker saying how many characters were cut, {@code limit} characters in all. Null stays null.
     */
    public static String truncate(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        // The marker's length depends on the count it reports, so shrink until both fit.
        int keep = limit - TRUNCATION_MARKER.formatted(text.length() - limit).length();
        while (true) {
            if (Character.isHighSurrogate(text.charAt(keep - 1))) {
                keep--; // never split a surrogate pair: half a character is illegal XML
            }
            String marker = TRUNCATION_MARKER.formatted(text.length() - keep);
            if (keep + marker.length() <= limit) {
                return text.substring(0, keep) + marker;
            }
            keep = limit - marker.length();
        }
    }

    /** The prefixes OWASP lists for CSV/formula injection. */
    static boolean looksLikeFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}

package io.cbec.etl.normalise;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text clean-up shared by every value parser and by header classification.
 *
 * <p>NFKC first, because spreadsheets typed on Chinese keyboards mix full-width digits, letters and
 * brackets ({@code ２０２２（年）}) with their ASCII forms; after NFKC they compare equal.
 */
public final class TextNormaliser {

    // Tabs and line breaks inside a cell are layout, not content: they become spaces before the
    // remaining control and format characters (zero-width spaces, BOMs, soft hyphens) are dropped.
    private static final Pattern LAYOUT_BREAKS = Pattern.compile("[\\t\\n\\r\\u000B\\f\\u0085\\u2028\\u2029]");
    private static final Pattern INVISIBLES = Pattern.compile("[\\p{Cc}\\p{Cf}]");
    private static final Pattern WHITESPACE_RUNS = Pattern.compile("[\\s\\p{Z}]+");
    // Unit or format notes in brackets: "（万元）", "(USD m)", "[yyyy-mm-dd]", "【年月日】".
    private static final Pattern BRACKETED = Pattern.compile("\\([^()]*\\)|\\[[^\\[\\]]*]|【[^【】]*】|〔[^〔〕]*〕");
    private static final Pattern PUNCTUATION_AND_SPACE = Pattern.compile("[\\p{P}\\s\\p{Z}]+");

    private TextNormaliser() {
    }

    /**
     * NFKC, no-break and ideographic spaces to plain spaces, control and invisible format characters
     * removed, trimmed, inner whitespace runs collapsed to one space. {@code null} gives {@code ""}.
     */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        if (isPlainAscii(text)) {
            return text; // the common case in large exports: NFKC and the three passes below change nothing
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        s = LAYOUT_BREAKS.matcher(s).replaceAll(" ");
        s = INVISIBLES.matcher(s).replaceAll("");
        s = WHITESPACE_RUNS.matcher(s).replaceAll(" ");
        return s.strip();
    }

    /** Printable ASCII with single inner spaces only: text that {@link #clean} returns unchanged. */
    private static boolean isPlainAscii(String text) {
        int last = text.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                if (i == 0 || i == last || text.charAt(i - 1) == ' ') {
                    return false;
                }
            } else if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /**
     * The form under which a header cell is compared with column aliases: cleaned, lower-cased,
     * bracketed unit notes removed, whitespace and punctuation removed. "批复日期（年月日）" and
     * "批复日期" give the same key, so do "Approval  Date" and "approval date", "City / Region" and
     * "city-region". A header that is nothing but a bracketed note keeps the note's text.
     */
    public static String headerKey(String header) {
        String s = clean(header).toLowerCase(Locale.ROOT);
        String withoutNotes = BRACKETED.matcher(s).replaceAll(" ");
        String key = PUNCTUATION_AND_SPACE.matcher(withoutNotes).replaceAll("");
        return key.isEmpty() ? PUNCTUATION_AND_SPACE.matcher(s).replaceAll("") : key;
    }
}

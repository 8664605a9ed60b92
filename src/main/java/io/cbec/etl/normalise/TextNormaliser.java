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
    // Footnote marks on a header: circled and parenthesised numbers and letters (①, ⑴, ⓐ) anywhere, and a run of
    // *, †, ‡, ※ or superscript digits at the end after a bracket or a Chinese character ("出口额（亿元）¹"; not the ²
    // of "m²"). Removed before NFKC, which would turn ① into a "1" that reads as part of the name.
    private static final Pattern FOOTNOTE_MARKS = Pattern.compile("[\\u2460-\\u24FF\\u2776-\\u2793\\u3251-\\u325F"
            + "\\u32B1-\\u32BF]|(?<=[\\p{IsHan})）\\]】〕])[*＊†‡※\\u00B9\\u00B2\\u00B3\\u2070\\u2074-\\u2079\\s]+$");

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
     * A header cell's text as {@link #clean} gives it, without footnote marks: "出口额（亿元）①" is "出口额(亿元)".
     */
    public static String cleanHeader(String header) {
        if (header == null) {
            return "";
        }
        return clean(FOOTNOTE_MARKS.matcher(header).replaceAll(""));
    }

    /**
     * The form under which a header cell is compared with column aliases: cleaned, footnote marks dropped, lower-cased,
     * bracketed unit notes removed, whitespace and punctuation removed. "批复日期（年月日）" and
     * "批复日期" give the same key, so do "Approval  Date" and "approval date", "City / Region" and
     * "city-region". A header that is nothing but a bracketed note keeps the note's text.
     */
    public static String headerKey(String header) {
        String s = cleanHeader(header).toLowerCase(Locale.ROOT);
        String withoutNotes = BRACKETED.matcher(s).replaceAll(" ");
        String key = PUNCTUATION_AND_SPACE.matcher(withoutNotes).replaceAll("");
        return key.isEmpty() ? PUNCTUATION_AND_SPACE.matcher(s).replaceAll("") : key;
    }
}

package io.cbec.etl.report;

import java.util.Arrays;

/**
 * Column widths from the content written, tracked as rows stream past: {@code autoSizeColumn} cannot
 * see rows SXSSF has already flushed and is slow on big sheets anyway.
 */
final class ColumnWidthTracker {

    /** Narrower columns hide even short headers behind the autofilter button. */
    static final int MIN_WIDTH_CHARS = 8;
    /** Wide enough for a SHA-256 digest (64 hex digits); longer text is cut visually, not in the cell. */
    static final int MAX_WIDTH_CHARS = 66;

    private int[] widestChars = new int[0];

    void observe(int column, int displayChars) {
        if (column >= widestChars.length) {
            widestChars = Arrays.copyOf(widestChars, Math.max(column + 1, widestChars.length * 2));
        }
        widestChars[column] = Math.max(widestChars[column], displayChars);
    }

    int columnCount() {
        return widestChars.length;
    }

    /** Width in Excel's units (1/256 of a character), with a character of padding, or -1 when unseen. */
    int widthUnits(int column) {
        if (column >= widestChars.length || widestChars[column] == 0) {
            return -1;
        }
        int chars = Math.max(MIN_WIDTH_CHARS, Math.min(MAX_WIDTH_CHARS, widestChars[column] + 1));
        return chars * 256;
    }

    /**
     * Characters a text takes on screen: East Asian wide characters (Chinese names, full-width
     * punctuation) take two; a multi-line text is as wide as its longest line.
     */
    static int displayChars(String text) {
        int widest = 0;
        int current = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint == '\n' || codePoint == '\r') {
                widest = Math.max(widest, current);
                current = 0;
            } else {
                current += isWide(codePoint) ? 2 : 1;
            }
        }
        return Math.max(widest, current);
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F)      // Hangul Jamo
                || (cp >= 0x2E80 && cp <= 0xA4CF)   // CJK radicals .. Yi, incl. CJK punctuation and ideographs
                || (cp >= 0xAC00 && cp <= 0xD7A3)   // Hangul syllables
                || (cp >= 0xF900 && cp <= 0xFAFF)   // CJK compatibility ideographs
                || (cp >= 0xFE30 && cp <= 0xFE4F)   // CJK compatibility forms
                || (cp >= 0xFF00 && cp <= 0xFF60)   // full-width forms
                || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x20000 && cp <= 0x3FFFD); // CJK extension planes
    }
}

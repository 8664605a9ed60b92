package io.cbec.etl.source;

/**
 * Parses the number in a cell's {@code <v>} straight from the parser's characters. Sheet numbers are
 * nearly always short plain decimals ("12345", "4821.37"); those take an exact fast path (a mantissa of
 * at most 15 digits and a power of ten are both exact doubles, so one division rounds correctly and the
 * result equals {@link Double#parseDouble}). Anything else (exponents, long digit strings, spaces) goes
 * to {@link Double#parseDouble} as before.
 */
final class DecimalText {

    private static final double[] POWERS_OF_TEN = {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

    private DecimalText() {
    }

    /** The value of {@code text[0..length)}; throws NumberFormatException as parseDouble does. */
    static double parse(char[] text, int length) {
        int i = 0;
        boolean negative = false;
        if (length > 0 && text[0] == '-') {
            negative = true;
            i = 1;
        }
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = -1;
        for (; i < length; i++) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                if (fractionDigits >= 0) {
                    fractionDigits++;
                }
            } else if (c == '.' && fractionDigits < 0) {
                fractionDigits = 0;
            } else {
                digits = Integer.MAX_VALUE;
                break;
            }
        }
        if (digits == 0 || digits > 15) {
            return Double.parseDouble(new String(text, 0, length).trim());
        }
        double value = fractionDigits > 0 ? mantissa / POWERS_OF_TEN[fractionDigits] : mantissa;
        return negative ? -value : value;
    }

    /** A non-negative int written as plain digits (a shared string index); -1 when it is not one. */
    static int parseIndex(char[] text, int length) {
        if (length == 0 || length > 9) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < length; i++) {
            char c = text[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}

package io.cbec.etl.kind;

import io.cbec.etl.normalise.SmallNumberWords;
import io.cbec.etl.normalise.TextNormaliser;
import io.cbec.etl.normalise.quantity.FigureLimit;
import io.cbec.etl.source.CellValue;
import io.cbec.etl.source.SourceRow;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises stated total and subtotal rows (docs/input-formats.md, "Total rows"): a row whose first
 * text cell is a total marker such as 合计, 总计, 小计, 共计, Total, Subtotal, Grand total, Sum, All,
 * Worldwide, All countries, 全球, or "浙江省小计". Such a row is a figure to check, never a record.
 */
public final class TotalRowDetector {

    // "浙江省小计", "小计", "Subtotal", "Sub-total: Zhejiang", and "Zhejiang subtotal" as English sheets write it.
    private static final Pattern SUBTOTAL = Pattern.compile("^(.{0,20}?小计|sub[- ]?total\\b|[\\p{L} .'-]{1,30}\\bsub[- ]?total\\b).*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TOTAL = Pattern.compile(
            "^(合计|总计|共计|总数|总量|全部|全球|grand\\s+total|total|sum|all countries|all|worldwide)(\\b|[\\s:：(（]|\\d|[零〇一二两三四五六七八九十]|$).*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FIRST_NUMBER = Pattern.compile("(\\d[\\d,]*(?:\\.\\d+)?)");
    private static final Pattern LEADING_ZEROS = Pattern.compile("^0+(?=\\d)");
    // Chinese tables space out two-character labels to line them up ("合  计", "总 计", "合　计"): the
    // spaces between Han characters are layout, not part of the marker.
    private static final Pattern HAN_GAP = Pattern.compile("(?<=\\p{IsHan})\\s+(?=\\p{IsHan})");

    private TotalRowDetector() {
    }

    /** A detected total row: its marker text, whether it is a subtotal, and the figure it states if any. */
    public record TotalRow(String label, boolean subtotal, BigDecimal value, int valueColumn, String raw) { }

    /** What a total marker text says: the marker as written and whether it is a subtotal. */
    public record Marker(String label, boolean subtotal) { }

    /** The total marker in one cell's text, if the text is one ("合计", "浙江省小计", "Subtotal"...). */
    public static Optional<Marker> marker(String text) {
        String marker = markerText(text);
        if (marker.isEmpty()) {
            return Optional.empty();
        }
        if (SUBTOTAL.matcher(marker).matches()) {
            return Optional.of(new Marker(marker, true));
        }
        return TOTAL.matcher(marker).matches() ? Optional.of(new Marker(marker, false)) : Optional.empty();
    }

    /**
     * @param skipColumn a column whose numbers are not the total (for example a batch column), or -1
     */
    public static Optional<TotalRow> detect(SourceRow row, int skipColumn) {
        int markerColumn = -1;
        String marker = null;
        for (int c = 0; c < row.cells().size(); c++) {
            if (row.cell(c) instanceof CellValue.Text t && !t.text().isBlank()) {
                markerColumn = c;
                marker = markerText(t.text());
                break;
            }
        }
        if (marker == null) {
            return Optional.empty();
        }
        Matcher matched = SUBTOTAL.matcher(marker);
        boolean subtotal = matched.matches();
        if (!subtotal && !(matched = TOTAL.matcher(marker)).matches()) {
            return Optional.empty();
        }
        // "合计：33个" carries its figure in the marker cell, "合计：五个" or "Total: three zones" in words;
        // otherwise the first number after it.
        Matcher inMarker = FIRST_NUMBER.matcher(marker);
        if (inMarker.find()) {
            return Optional.of(new TotalRow(marker, subtotal, number(inMarker.group(1)), markerColumn, marker));
        }
        OptionalInt inWords = SmallNumberWords.count(marker.substring(matched.end(1)));
        if (inWords.isPresent()) {
            return Optional.of(new TotalRow(marker, subtotal, BigDecimal.valueOf(inWords.getAsInt()), markerColumn,
                    marker));
        }
        for (int c = markerColumn + 1; c < row.cells().size(); c++) {
            if (c == skipColumn) {
                continue;
            }
            CellValue cell = row.cell(c);
            if (cell instanceof CellValue.Numeric n) {
                return Optional.of(new TotalRow(marker, subtotal, BigDecimal.valueOf(n.value()).stripTrailingZeros(),
                        c, n.raw()));
            }
            if (cell instanceof CellValue.Text t) {
                Matcher m = FIRST_NUMBER.matcher(t.text());
                if (m.find()) {
                    return Optional.of(new TotalRow(marker, subtotal, number(m.group(1)), c, t.text()));
                }
                OptionalInt words = SmallNumberWords.count(TextNormaliser.clean(t.text()));
                if (words.isPresent()) {
                    return Optional.of(new TotalRow(marker, subtotal, BigDecimal.valueOf(words.getAsInt()), c,
                            t.text()));
                }
            }
        }
        return Optional.of(new TotalRow(marker, subtotal, null, markerColumn, marker));
    }

    /** A cell's text as a marker is matched and labelled: cleaned, without spaces between Han characters. */
    private static String markerText(String text) {
        String cleaned = TextNormaliser.clean(text); // whitespace is single spaces from here on
        return cleaned.indexOf(' ') < 0 ? cleaned : HAN_GAP.matcher(cleaned).replaceAll("");
    }

    /**
     * A figure written with more digits than a staging column holds is not read whole, as BigDecimal would
     * take minutes over a long one: with too many whole digits only its size is kept (a one and as many
     * digits), which the normalisers reject naming the row; decimals beyond the column's are cut, as the
     * column itself would round them.
     */
    private static BigDecimal number(String digits) {
        String plain = LEADING_ZEROS.matcher(digits.replace(",", "")).replaceFirst("");
        if (FigureLimit.writtenDigits(plain) <= FigureLimit.MAX_WRITTEN_DIGITS) {
            return new BigDecimal(plain);
        }
        int point = plain.indexOf('.');
        int whole = point < 0 ? plain.length() : point;
        return whole > FigureLimit.MAX_DIGITS ? BigDecimal.ONE.scaleByPowerOfTen(whole - 1)
                : new BigDecimal(plain.substring(0, FigureLimit.MAX_WRITTEN_DIGITS + 1));
    }
}

package io.cbec.etl.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.junit.jupiter.api.Test;

/** The counted width of a number cell is the length of what Excel shows for its format. */
class NumberDisplayCharsTest {

    private static final double[] EDGES = {0, -0.0, 0.4, 0.5, -0.4, 0.994, 0.995, 0.999, 9.95, 9.9999, 99.5, 999.5,
        999.499, 1_000, 1_234_567, -1_234_567.891, 0.0005, 0.00049, 0.9995, 12.345, 1e14, 9.99e14, -9.99e14};

    private static String shown(double v, ColumnFormat format) {
        return switch (format) {
            case INTEGER -> String.format(Locale.ROOT, "%,.0f", v);
            case DECIMAL -> String.format(Locale.ROOT, "%,.2f", v);
            default -> String.format(Locale.ROOT, "%.1f%%", v * 100);
        };
    }

    @Test
    void matchesTheFormattedTextForIntegersDecimalsAndPercents() {
        SplittableRandom random = new SplittableRandom(11);
        for (ColumnFormat format : new ColumnFormat[] {ColumnFormat.INTEGER, ColumnFormat.DECIMAL, ColumnFormat.PERCENT}) {
            for (double v : EDGES) {
                assertThat(CellValueWriter.numberDisplayChars(v, format)).as("%s %s", format, v)
                        .isEqualTo(shown(v, format).length());
            }
            for (int i = 0; i < 20_000; i++) {
                double v = (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(13));
                assertThat(CellValueWriter.numberDisplayChars(v, format)).as("%s %s", format, v)
                        .isEqualTo(shown(v, format).length());
            }
        }
    }

    @Test
    void countsTheChecksFormatsAsPoisDataFormatterShowsThem() {
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        String[] formats = {"#,##0", "#,##0.0", "#,##0.000", "#,##0\" 亿元\"", "\"nearly \"#,##0.00\" USD\"",
            "\"at least \"#,##0", "\"约 \"#,##0.0\" 万人次\""};
        SplittableRandom random = new SplittableRandom(29);
        for (String format : formats) {
            CellValueWriter.GroupedFormat grouped = CellValueWriter.GroupedFormat.of(format);
            assertThat(grouped).as(format).isNotEqualTo(CellValueWriter.GroupedFormat.OTHER);
            for (int i = 0; i < 20_000 + EDGES.length; i++) {
                double v = i < EDGES.length ? EDGES[i]
                        : Math.round((random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(13)) * 1000) / 1000.0;
                if (grouped.counts(v)) {
                    assertThat(grouped.displayChars(v)).as("%s %s", format, v)
                            .isEqualTo(ColumnWidthTracker.displayChars(formatter.formatRawCellContents(v, -1, format)));
                }
            }
        }
        assertThat(CellValueWriter.GroupedFormat.of("0.0%")).isEqualTo(CellValueWriter.GroupedFormat.OTHER);
        assertThat(CellValueWriter.GroupedFormat.of("\"a\"0")).isEqualTo(CellValueWriter.GroupedFormat.OTHER);
    }
}

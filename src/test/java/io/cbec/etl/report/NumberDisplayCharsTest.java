package io.cbec.etl.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
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
}

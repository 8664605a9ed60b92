package io.cbec.etl.kind.platform;

import io.cbec.etl.normalise.PartialDate;
import io.cbec.etl.normalise.Precision;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * One country's figure as staged: its key (platform, metric, period start, precision, country), the
 * platform's parent company, where it was read (file, sheet, row) and its value (downloads in units,
 * revenue in US dollars).
 */
record Figure(String platform, String parent, String metric, LocalDate period, String precision, String country,
              int fileNo, int sheetNo, int row, BigDecimal value) {

    /**
     * The order of the checks' pass: by key. Text compares by UTF-16 code units ({@link String#compareTo}),
     * which is also H2's order, so figures and the stated totals read from H2 merge-join by it. Precisions
     * happen to sort from fine to coarse (DAY, MONTH, QUARTER, YEAR), which the period-overlap check uses.
     */
    static final Comparator<Figure> KEY_ORDER = (a, b) -> {
        int c = compareText(a.platform, b.platform);
        if (c != 0) {
            return c;
        }
        c = compareText(a.metric, b.metric);
        if (c != 0) {
            return c;
        }
        c = a.period.compareTo(b.period);
        if (c != 0) {
            return c;
        }
        c = compareText(a.precision, b.precision);
        return c != 0 ? c : compareText(a.country, b.country);
    };

    /** The period as a partial date: its last day ({@link PartialDate#end()}) and its label ("2023-02", "2023Q1"). */
    PartialDate when() {
        return new PartialDate(period, Precision.valueOf(precision));
    }

    /**
     * Equal texts are mostly one object: the normaliser takes them from the reference directories and the
     * block reader shares them. String.compareTo would still walk both to the end.
     */
    private static int compareText(String a, String b) {
        return a == b ? 0 : a.compareTo(b);
    }
}

package io.cbec.etl.kind.platform;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What one row of an app-analytics export holds: figures per country (summed over device columns) and
 * the worldwide or regional totals the row states.
 */
record MetricRows(List<Figure> facts, List<Total> totals) {

    /** A figure stated for the world or an area, to compare with the sum of its countries. */
    record Total(String platform, LocalDate periodStart, String precision, String metric, String area,
                 BigDecimal value, BigDecimal tolerance, String column, String raw) {
    }
}

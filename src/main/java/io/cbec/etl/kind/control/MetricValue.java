package io.cbec.etl.kind.control;

import java.math.BigDecimal;

/**
 * A metric's value as the staged data give it.
 *
 * @param value       exact, in the base unit ("CNY", "USD", "count", "percent" as a fraction, "days")
 * @param unit        the base unit, as in {@code Quantity.unit()}
 * @param description how it was obtained, for the Checks sheet, e.g. "active zones of batch 7 in the registry"
 */
public record MetricValue(BigDecimal value, String unit, String description) {

    public static MetricValue count(long value, String description) {
        return new MetricValue(BigDecimal.valueOf(value), "count", description);
    }
}

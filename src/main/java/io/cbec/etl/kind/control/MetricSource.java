package io.cbec.etl.kind.control;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Optional;

/**
 * Metrics a record kind can evaluate over its staged data, for control totals. Each kind that has
 * figures worth declaring (the registry's zone counts, the indicators' sums, the platforms' downloads)
 * provides one as a Spring bean; the controls kind asks each in turn and takes the first answer.
 *
 * <p>Return empty when the metric is not one of yours. Throw {@link MetricQueryException} when it is
 * yours but cannot be evaluated as asked (an unknown province, two currencies in one sum), or when the
 * inputs hold no figure for it at all (say what was looked for and what to add): the control then fails
 * with that message and an empty Actual.
 */
public interface MetricSource {

    Optional<MetricValue> evaluate(MetricQuery query, JdbcClient jdbc, long instanceId);

    /**
     * Called once before the run's controls are evaluated, with all their queries: a source that has to
     * read all its staged data to answer one may answer them all in that one read, and keep the answers for
     * {@link #evaluate}. It must not throw for a query it cannot read (evaluate says why). The default:
     * nothing.
     */
    default void prepare(List<MetricQuery> queries, JdbcClient jdbc, long instanceId) {
    }

    /** A few metric names this source knows, written as analysts would, for the "unknown metric" message. */
    List<String> examples();
}

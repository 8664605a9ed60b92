package io.cbec.etl.job;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings under {@code cbec.*} in application.yml (or {@code --spring.config.additional-location}).
 *
 * @param headerAliases    extra header aliases: kind id, then field name, then the header texts
 * @param progressInterval how often long steps log their progress (rows, rows/s, file and sheet)
 * @param stopTimeout      how long a SIGTERM waits for the job to reach a chunk boundary before exiting anyway
 * @param state            housekeeping of the state folder
 */
@ConfigurationProperties("cbec")
public record CbecProperties(Input input, Map<String, Map<String, List<String>>> headerAliases,
                             Duration progressInterval, Duration stopTimeout, State state) {

    public CbecProperties {
        input = input == null ? new Input(null, null) : input;
        headerAliases = headerAliases == null ? Map.of() : headerAliases;
        progressInterval = progressInterval == null || progressInterval.isNegative() || progressInterval.isZero()
                ? Duration.ofSeconds(10) : progressInterval;
        stopTimeout = stopTimeout == null || stopTimeout.isNegative() ? Duration.ofSeconds(60) : stopTimeout;
        state = state == null ? new State(null) : state;
    }

    /**
     * @param settleTime      a file modified more recently may still be being written: not read, nothing published (75)
     * @param maxRowsPerSheet a sheet with more data rows is refused (REJECTED, exit 66) instead of read on:
     *                        a bound on time and staging space for hostile or runaway sheets
     */
    public record Input(Duration settleTime, Long maxRowsPerSheet) {

        public static final long DEFAULT_MAX_ROWS_PER_SHEET = 2_000_000;

        public Input {
            settleTime = settleTime == null ? Duration.ofSeconds(5) : settleTime;
            maxRowsPerSheet = maxRowsPerSheet == null ? DEFAULT_MAX_ROWS_PER_SHEET : maxRowsPerSheet;
            if (maxRowsPerSheet < 1) {
                throw new IllegalArgumentException("cbec.input.max-rows-per-sheet must be at least 1, not "
                        + maxRowsPerSheet);
            }
        }
    }

    /**
     * @param keepDays job instances (Spring Batch metadata and their staging rows) whose last execution
     *                 ended more than this many days ago are purged at the start of a run
     */
    public record State(Integer keepDays) {
        public State {
            keepDays = keepDays == null || keepDays < 0 ? 90 : keepDays;
        }
    }
}

package io.cbec.etl.job;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings under {@code cbec.*} in application.yml (or {@code --spring.config.additional-location}).
 *
 * @param headerAliases extra header aliases: kind id, then field name, then the header texts
 */
@ConfigurationProperties("cbec")
public record CbecProperties(Input input, Map<String, Map<String, List<String>>> headerAliases) {

    public CbecProperties {
        input = input == null ? new Input(null, null) : input;
        headerAliases = headerAliases == null ? Map.of() : headerAliases;
    }

    /**
     * @param settleTime      files modified more recently are skipped: they may still be being written
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
}

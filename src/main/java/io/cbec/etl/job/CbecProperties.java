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
        input = input == null ? new Input(Duration.ofSeconds(5)) : input;
        headerAliases = headerAliases == null ? Map.of() : headerAliases;
    }

    /** @param settleTime files modified more recently are skipped: they may still be being written */
    public record Input(Duration settleTime) {
        public Input {
            settleTime = settleTime == null ? Duration.ofSeconds(5) : settleTime;
        }
    }
}

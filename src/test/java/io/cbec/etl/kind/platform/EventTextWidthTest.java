package io.cbec.etl.kind.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** A state database whose event text held 2,000 characters: it is widened to a cell's limit, keeping its rows. */
class EventTextWidthTest {

    @TempDir
    Path temp;

    @Test
    void anOlderStateDatabaseTakesEventTextUpToTheCellLimit() {
        SingleConnectionDataSource data = new SingleConnectionDataSource("jdbc:h2:" + temp.resolve("state"), true);
        JdbcTemplate template = new JdbcTemplate(data);
        template.execute("""
                CREATE TABLE platform_event (
                    instance_id BIGINT NOT NULL, file_no INT NOT NULL, sheet_no INT NOT NULL, row_no INT NOT NULL,
                    event_date DATE, date_prec VARCHAR(10), platform VARCHAR(200), parent VARCHAR(200),
                    market VARCHAR(200), market_code VARCHAR(2), event VARCHAR(1000) NOT NULL,
                    value_low DECIMAL(38, 10), value_high DECIMAL(38, 10), unit VARCHAR(10), qualifier VARCHAR(10),
                    value_text VARCHAR(2000), parse_error VARCHAR(1000), reference VARCHAR(1000))""");
        template.update("INSERT INTO platform_event (instance_id, file_no, sheet_no, row_no, event, value_text)"
                + " VALUES (7, 1, 1, 2, 'downloads', 'nearly 20 million')");
        new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(data);
        PlatformEventsKind kind = new PlatformEventsKind(new NamedParameterJdbcTemplate(template),
                new PlatformReference("", "northern-america"));

        kind.upgradeState();
        kind.upgradeState(); // a second start finds the column wide enough

        String text = "t".repeat(32_767);
        template.update("INSERT INTO platform_event (instance_id, file_no, sheet_no, row_no, event, value_text)"
                + " VALUES (7, 1, 1, 3, 'note', ?)", text);
        assertThat(template.queryForList("SELECT value_text FROM platform_event ORDER BY row_no", String.class))
                .containsExactly("nearly 20 million", text);
        data.destroy();
    }
}

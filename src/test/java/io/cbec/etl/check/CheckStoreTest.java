package io.cbec.etl.check;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** check_result keeps figures as numbers with their format, and reads what older versions stored as text. */
class CheckStoreTest {

    @TempDir
    Path temp;

    @Test
    void aStateFileFromBeforeFiguresGetsTheirColumnsAndItsResultsReadAsText() {
        SingleConnectionDataSource data = new SingleConnectionDataSource("jdbc:h2:" + temp.resolve("state"), true);
        JdbcClient jdbc = JdbcClient.create(data);
        jdbc.sql("""
                CREATE TABLE check_result (
                    instance_id BIGINT NOT NULL, seq INT NOT NULL, check_name VARCHAR(200) NOT NULL,
                    scope VARCHAR(1000), expected VARCHAR(1000), actual VARCHAR(1000), status VARCHAR(10) NOT NULL,
                    detail VARCHAR(4000), source VARCHAR(4000), PRIMARY KEY (instance_id, seq))""").update();
        jdbc.sql("""
                INSERT INTO check_result VALUES (7, 1, 'Stated total', 'a.xlsx!Sheet1', '165', '165', 'PASS',
                                                 'equal', 'a.xlsx!Sheet1!167')""").update();

        new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(data);
        CheckStore store = new CheckStore(jdbc, data);
        store.recorder(7).record(new CheckResult("Control total", "Temu share", CheckValue.share(new BigDecimal("0.5"))
                .qualified("more than"), CheckValue.share(new BigDecimal("0.9278209609371452")), CheckStatus.PASS,
                "as declared", "c.xlsx!控制数!4"));

        assertThat(store.results(7)).containsExactly(
                new CheckResult("Stated total", "a.xlsx!Sheet1", "165", "165", CheckStatus.PASS, "equal",
                        "a.xlsx!Sheet1!167"),
                new CheckResult("Control total", "Temu share",
                        new CheckValue.Figure(new BigDecimal("0.5000000000"), "\"more than \"0.0%", "more than 50.0%"),
                        new CheckValue.Figure(new BigDecimal("0.9278209609"), "0.0%", "92.8%"), CheckStatus.PASS,
                        "as declared", "c.xlsx!控制数!4"));
        data.destroy();
    }

    @Test
    void resultsRecordedInABatchAreNumberedInOrderWithTheOthersAndReadBackOneAtATime() throws Exception {
        SingleConnectionDataSource data = new SingleConnectionDataSource("jdbc:h2:" + temp.resolve("batch"), true);
        new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(data);
        CheckStore store = new CheckStore(JdbcClient.create(data), data);
        CheckRecorder recorder = store.recorder(3);
        recorder.record(new CheckResult("Input files present", "in", "a folder", "a folder", CheckStatus.PASS, "", ""));
        try (CheckRecorder.Batch batch = recorder.batch(data.getConnection())) {
            for (int i = 1; i <= 2500; i++) { // past one batch of 1,000
                batch.record(new CheckResult("Stated platform total", "total " + i, CheckValue.count(i),
                        CheckValue.count(i), CheckStatus.PASS, "", ""));
            }
        }
        recorder.record(new CheckResult("Stated platform total", "all sheets", "0 failing", "1 failing",
                CheckStatus.FAIL, "", ""));

        List<String> scopes = new ArrayList<>();
        store.forEach(3, false, r -> scopes.add(r.scope()));
        assertThat(scopes).hasSize(2502);
        assertThat(scopes.subList(0, 3)).containsExactly("in", "total 1", "total 2");
        assertThat(scopes.subList(2500, 2502)).containsExactly("total 2500", "all sheets");
        List<String> notPassed = new ArrayList<>();
        store.forEach(3, true, r -> notPassed.add(r.scope()));
        assertThat(notPassed).containsExactly("all sheets");
        assertThat(store.count(3, CheckStatus.PASS)).isEqualTo(2501);
        assertThat(store.has(3, "Stated platform total", CheckStatus.FAIL)).isTrue();
        data.destroy();
    }
}

package io.cbec.etl.kind.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** A state database from a version that staged a row per figure: its unfinished runs' figures become blocks. */
class LegacyFiguresTest {

    @TempDir
    Path temp;

    @Test
    void figuresOfAnOlderVersionAreConvertedOnceAndTheOldTableDropped() throws Exception {
        SingleConnectionDataSource data = new SingleConnectionDataSource("jdbc:h2:" + temp.resolve("state"), true);
        JdbcTemplate template = new JdbcTemplate(data);
        template.execute("""
                CREATE TABLE platform_metric (
                    instance_id BIGINT NOT NULL, file_no INT NOT NULL, sheet_no INT NOT NULL, row_no INT NOT NULL,
                    platform VARCHAR(200) NOT NULL, parent VARCHAR(200), country_code CHAR(2) NOT NULL,
                    period_start DATE NOT NULL, period_prec VARCHAR(10) NOT NULL, metric VARCHAR(40) NOT NULL,
                    metric_value DECIMAL(38, 10) NOT NULL)""");
        new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(data);
        List<Figure> staged = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (int row = 2; row < 3000; row++) { // two rows' figures each, over two blocks
            for (String country : List.of("US", "FR")) {
                Figure f = new Figure("Temu", "PDD Holdings", "downloads", LocalDate.of(2023, 1, 1).plusDays(row % 40),
                        "DAY", country, 1, 1, row, new BigDecimal(row + ".0000000000"));
                staged.add(f);
                rows.add(new Object[] {5L, f.fileNo(), f.sheetNo(), f.row(), f.platform(), f.parent(), f.country(),
                        Date.valueOf(f.period()), f.precision(), f.metric(), f.value()});
            }
        }
        template.batchUpdate("INSERT INTO platform_metric VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);

        assertThat(LegacyFigures.convert(template)).isEqualTo(staged.size());

        FigureStore store = new FigureStore(template);
        assertThat(store.blocks(5)).hasSize(3);
        List<Figure> sorted = new ArrayList<>();
        new FigureSort(store, temp.resolve("sort")).run(5, sorted::add);
        staged.sort(Figure.KEY_ORDER);
        assertThat(sorted).containsExactlyElementsOf(staged);
        assertThat(template.queryForObject("""
                SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'PLATFORM_METRIC'""", Integer.class))
                .isZero();
        assertThat(LegacyFigures.convert(template)).isZero();
        data.destroy();
    }
}

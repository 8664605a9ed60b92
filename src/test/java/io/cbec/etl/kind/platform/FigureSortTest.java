package io.cbec.etl.kind.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Figures staged as blocks in a real H2 database (the product's schema) come back from the sort in key
 * order, equal keys in the order they were read, through every level of the merge.
 */
class FigureSortTest {

    private static final List<String> APPS = List.of("AliExpress", "SHEIN", "TikTok", "Temu");
    private static final List<String> COUNTRIES = List.of("BR", "DE", "FR", "GB", "MX", "US");
    private static final List<String> PRECISIONS = List.of("DAY", "MONTH", "QUARTER", "YEAR");

    @TempDir
    Path temp;

    private SingleConnectionDataSource data;
    private JdbcTemplate template;
    private FigureStore store;

    @BeforeEach
    void database() {
        data = new SingleConnectionDataSource("jdbc:h2:" + temp.resolve("state"), true);
        new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(data);
        template = new JdbcTemplate(data);
        store = new FigureStore(template);
    }

    @AfterEach
    void close() {
        data.destroy();
    }

    @Test
    void figuresComeInKeyOrderWithRepeatsInTheOrderRead() throws Exception {
        List<Figure> read = stageChunks(7, 150, 40, new Random(7)); // 150 blocks: two levels at a fan-in of 4
        List<Figure> sorted = new ArrayList<>();
        new FigureSort(store, temp.resolve("sort"), 4).run(7, sorted::add);

        List<Figure> expected = new ArrayList<>(read);
        expected.sort(Figure.KEY_ORDER); // stable: equal keys keep the order read
        assertThat(sorted).containsExactlyElementsOf(expected);
        assertThat(store.count(7)).isEqualTo(read.size());
        assertThat(store.precisions(7)).isEqualTo(Set.copyOf(PRECISIONS));
        assertThat(temp.resolve("sort")).as("the temporary runs' folder").doesNotExist();
    }

    @Test
    void fewBlocksMergeWithoutTemporaryFilesAndOtherInstancesStayApart() throws Exception {
        List<Figure> read = stageChunks(1, 3, 500, new Random(1));
        stageChunks(2, 2, 10, new Random(2));
        List<Figure> sorted = new ArrayList<>();
        new FigureSort(store, temp.resolve("sort"), FigureSort.FAN_IN).run(1, sorted::add);

        List<Figure> expected = new ArrayList<>(read);
        expected.sort(Figure.KEY_ORDER);
        assertThat(sorted).containsExactlyElementsOf(expected);

        store.purge(1);
        assertThat(store.count(1)).isZero();
        assertThat(store.count(2)).isEqualTo(20);
    }

    @Test
    void aChunkWiderThanABlockIsSplitAndStillSorted() throws Exception {
        Random random = new Random(3);
        List<Figure> chunk = new ArrayList<>();
        for (int i = 0; i < FigureStore.BLOCK_FIGURES * 2 + 17; i++) {
            chunk.add(figure(random, 1, i / 50 + 2));
        }
        store.stage(9, chunk);
        assertThat(store.blocks(9)).hasSize(3);
        List<Figure> sorted = new ArrayList<>();
        new FigureSort(store, temp.resolve("sort")).run(9, sorted::add);
        List<Figure> expected = new ArrayList<>(chunk);
        expected.sort(Figure.KEY_ORDER);
        assertThat(sorted).containsExactlyElementsOf(expected);
    }

    @Test
    void valuesKeepTheirExactDigitsAndScale() {
        List<Figure> figures = List.of(
                figure("Temu", "US", 2, new BigDecimal("12345678901234567890123.5")), // too wide for a long
                figure("Temu", "US", 3, new BigDecimal("0.0000000001")),
                figure("Temu", "US", 4, new BigDecimal("1.2E+7")),
                figure("Temu", "US", 5, new BigDecimal("-3")),
                figure("Temu", "US", 6, new BigDecimal("0")),
                figure("Temu", "US", 7, new BigDecimal("-999999999999999999")), // 18 digits: a whole number's path
                figure("Temu", "US", 8, new BigDecimal("9000000000000000000")), // 19 digits, still a long
                figure("Temu", "US", 9, new BigDecimal("98765432109876543210"))); // 20 digits, wider than a long
        List<Figure> back = new ArrayList<>();
        FigureBlock.Reader reader = new FigureBlock.Reader(FigureBlock.encode(figures), null);
        for (Figure f = reader.next(); f != null; f = reader.next()) {
            back.add(f);
        }
        assertThat(back).containsExactlyElementsOf(figures);
    }

    /** Chunks of random figures with many repeated keys, rows numbered in the order read. */
    private List<Figure> stageChunks(long id, int chunks, int perChunk, Random random) {
        List<Figure> all = new ArrayList<>();
        int row = 2;
        for (int c = 0; c < chunks; c++) {
            List<Figure> chunk = new ArrayList<>();
            for (int i = 0; i < perChunk; i++) {
                chunk.add(figure(random, 1 + c / 100, row++));
            }
            store.stage(id, chunk);
            all.addAll(chunk);
        }
        return all;
    }

    private static Figure figure(Random random, int fileNo, int row) {
        return new Figure(APPS.get(random.nextInt(APPS.size())), "Parent", random.nextBoolean() ? "downloads" : "revenue",
                LocalDate.of(2023, 1, 1).plusDays(random.nextInt(20)), PRECISIONS.get(random.nextInt(PRECISIONS.size())),
                COUNTRIES.get(random.nextInt(COUNTRIES.size())), fileNo, 1, row,
                BigDecimal.valueOf(random.nextInt(1_000_000), random.nextInt(3)));
    }

    private static Figure figure(String app, String country, int row, BigDecimal value) {
        return new Figure(app, null, "downloads", LocalDate.of(2023, 1, 1), "DAY", country, 1, 1, row, value);
    }
}

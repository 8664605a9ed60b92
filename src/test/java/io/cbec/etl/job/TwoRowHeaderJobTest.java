package io.cbec.etl.job;

import io.cbec.etl.fixtures.JobRun;
import io.cbec.etl.fixtures.OneSheetWorkbook;
import io.cbec.etl.fixtures.PublishedWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headers of two rows, as Chinese statistical tables write them: a title merged across the columns it heads, over
 * a row naming each (出口额（亿元） over 1月 | 2月, 批复 over 设立时间 | 批复文号), the other header cells merged down
 * over both rows. Through the real entry point, on workbooks built here with their merged regions; each test
 * asserts the exit code, the published cells and the rejected rows.
 */
class TwoRowHeaderJobTest {

    private static final String DATE = "2024-07-01";
    private static final String TITLE = "2024年1-2月综试区进出口情况";
    /** Rejected Rows columns. */
    private static final int R_ROW = 2, R_COLUMN = 3, R_VALUE = 4, R_REASON = 5;
    /** Files columns. */
    private static final int F_SHEET = 2, F_ACCEPTED = 5;

    @TempDir
    Path dir;
    private JobRun job;

    @BeforeEach
    void job() {
        job = new JobRun(dir, DATE);
    }

    @Test
    void withoutItsMonthRowAMergedIndicatorRejectsTheRowsNamingTheColumnsWithoutHeader() throws Exception {
        // The same table after the analyst deleted the month row: 出口额（亿元） still spans B and C.
        OneSheetWorkbook.write(job.input().resolve("两级表头.xlsx"), "2024年1-2月", new Object[][] {
                {TITLE},
                {"城市", "出口额（亿元）", null, "进口额（亿元）", null},
                {"杭州市", 1, 2, 3, 4},
                {"宁波市", 5, 6, 7, 8}},
                "A1:E1", "B2:C2", "D2:E2");

        assertThat(job.run()).isEqualTo(65);

        assertThat(job.reportPath()).as("January is never published as the whole of 2024年1-2月").doesNotExist();
        List<List<String>> rejected = rejectedRows();
        assertThat(rejected).extracting(r -> r.get(R_ROW) + " " + r.get(R_COLUMN) + " " + r.get(R_VALUE))
                .containsExactly("3 C 2", "4 C 6");
        assertThat(rejected.get(0).get(R_REASON)).startsWith(
                "a figure under no header: the header (row 2) names no column C, nor E ('4'), so nothing would read "
                        + "these figures. Give each column of figures its own header");
    }

    @Test
    void aFigureUnderAnEmptyHeaderCellRejectsItsRowInAnyKind() throws Exception {
        OneSheetWorkbook.write(job.input().resolve("名单.xlsx"), "第七批", new Object[][] {
                {"城市", "省份", null},
                {"廊坊市", "河北省", 12},
                {"沧州市", "河北省"}});

        assertThat(job.run()).isEqualTo(65);

        List<List<String>> rejected = rejectedRows();
        assertThat(rejected).extracting(r -> r.get(R_ROW) + " " + r.get(R_COLUMN) + " " + r.get(R_VALUE))
                .containsExactly("2 C 12");
        assertThat(rejected.get(0).get(R_REASON)).startsWith(
                "a figure under no header: the header (row 1) names no column C, so nothing would read the figure");
        assertThat(job.dataQuality().rowWhere("Files", F_SHEET, "第七批").orElseThrow().get(F_ACCEPTED)).isEqualTo("1");
    }

    private List<List<String>> rejectedRows() throws Exception {
        List<List<String>> rows = job.dataQuality().rows("Rejected Rows");
        return rows.subList(1, rows.size());
    }
}

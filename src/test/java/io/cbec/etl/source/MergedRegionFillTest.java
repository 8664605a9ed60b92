package io.cbec.etl.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergedRegionFillTest {

    private static SourceRow row(int number, String... texts) {
        return new SourceRow(number, Arrays.stream(texts).map(t -> t == null ? null : (CellValue) new CellValue.Text(t)).toList());
    }

    private static RowStream streamOf(SourceRow... rows) {
        Deque<SourceRow> queue = new ArrayDeque<>(List.of(rows));
        return new RowStream() {
            @Override
            public SourceRow next() {
                return queue.poll();
            }

            @Override
            public void close() {
            }
        };
    }

    private static List<String> drain(RowStream rows) throws SourceException {
        List<String> out = new ArrayList<>();
        for (SourceRow r = rows.next(); r != null; r = rows.next()) {
            out.add(Fixtures.describe(r));
        }
        return out;
    }

    @Test
    void copiesTheTopValueDownTheFirstColumnOnlyAndStopsAtTheLastRow() throws SourceException {
        RowStream rows = MergedRegionFill.fill(streamOf(
                row(1, "Title", null, null),
                row(2, "浙江", "杭州", "x"),
                row(3, null, "宁波", null),
                row(5, null, "温州"),
                row(6, null, "广州")),
                List.of(CellRange.parse("A1:C1"), CellRange.parse("A2:B5")));
        assertThat(drain(rows)).containsExactly(
                "1: Title||", "2: 浙江|杭州|x", "3: 浙江|宁波|", "5: 浙江|温州", "6: |广州");
    }

    @Test
    void leavesAnotherValueInsideTheRegionAlone() throws SourceException {
        RowStream rows = MergedRegionFill.fill(streamOf(row(1, "a"), row(2, "b")), List.of(CellRange.parse("A1:A2")));
        assertThat(drain(rows)).containsExactly("1: a", "2: b");
    }

    @Test
    void saysWhichCellsHoldTheValueOfARegionOverSeveralRows() throws SourceException {
        RowStream rows = MergedRegionFill.fill(streamOf(row(1, "浙江", "9"), row(2, null, "8"), row(3, "江苏", "7")),
                List.of(CellRange.parse("A1:A2"), CellRange.parse("B3:C3")));
        SourceRow first = rows.next();
        SourceRow second = rows.next();
        SourceRow third = rows.next();
        assertThat(first.mergedDown(0)).isEqualTo(CellRange.parse("A1:A2")); // the region's own cell
        assertThat(second.mergedDown(0)).isEqualTo(CellRange.parse("A1:A2")); // its copy
        assertThat(second.mergedDown(1)).isNull();
        assertThat(third.mergedDown(1)).as("a region over one row").isNull();
    }
}

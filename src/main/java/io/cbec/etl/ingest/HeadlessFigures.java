package io.cbec.etl.ingest;

import io.cbec.etl.kind.RowOutcome;
import io.cbec.etl.kind.SheetPlan;
import io.cbec.etl.normalise.TextNormaliser;
import io.cbec.etl.source.CellValue;
import io.cbec.etl.source.SourceRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Figures in columns whose header cell is empty. No kind reads such a column, so its figures would vanish without
 * a trace: a title merged across 1月 | 2月 whose sub-header row was deleted leaves 2月 with no header, and the
 * job would read 1月 as the whole period. A row holding one is rejected, naming the columns, whatever its kind.
 * Worked out once per sheet: which columns have a header.
 */
final class HeadlessFigures {

    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d[\\d,]*(?:\\.\\d+)?%?");

    private final SheetPlan plan;
    private final boolean[] headed;
    /** Rows no wider than this have every cell under a header: most rows of most sheets, checked at once. */
    private final int firstHeadless;

    HeadlessFigures(SheetPlan plan) {
        this.plan = plan;
        int width = plan.headers().keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        this.headed = new boolean[width];
        plan.headers().forEach((column, header) -> headed[column] = header != null && !header.isBlank());
        int first = 0;
        while (first < width && headed[first]) {
            first++;
        }
        this.firstHeadless = first;
    }

    SheetPlan plan() {
        return plan;
    }

    /** The rejection of a row with a figure under no header; empty when it has none. */
    Optional<RowOutcome.Rejected> check(SourceRow row) {
        if (row.cells().size() <= firstHeadless) {
            return Optional.empty();
        }
        List<Integer> columns = null;
        for (int c = firstHeadless; c < row.cells().size(); c++) {
            if ((c >= headed.length || !headed[c]) && isFigure(row.cell(c))) {
                if (columns == null) {
                    columns = new ArrayList<>();
                }
                columns.add(c);
            }
        }
        if (columns == null) {
            return Optional.empty();
        }
        int first = columns.get(0);
        StringBuilder others = new StringBuilder();
        for (int c : columns.subList(1, columns.size())) {
            others.append(", nor ").append(SourceRow.columnLetters(c)).append(" ('").append(row.cell(c).raw()).append("')");
        }
        String letters = SourceRow.columnLetters(first);
        return Optional.of(new RowOutcome.Rejected(letters, row.cell(first).raw(), "a figure under no header: the "
                + "header (row " + plan.headerRow() + ") names no column " + letters + others + ", so nothing would read "
                + (columns.size() == 1 ? "the figure" : "these figures") + ". Give each column of figures its own header "
                + "(a title merged across several columns heads none of them: put a row under it naming each, e.g. "
                + "1月 | 2月), or delete the figure"));
    }

    private static boolean isFigure(CellValue cell) {
        return cell instanceof CellValue.Numeric
                || cell instanceof CellValue.Text t && NUMBER.matcher(TextNormaliser.clean(t.text())).matches();
    }
}

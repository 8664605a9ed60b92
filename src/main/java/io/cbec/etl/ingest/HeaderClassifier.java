package io.cbec.etl.ingest;

import io.cbec.etl.job.CbecProperties;
import io.cbec.etl.kind.Field;
import io.cbec.etl.kind.RecordKind;
import io.cbec.etl.kind.RowOutcome;
import io.cbec.etl.kind.SheetContext;
import io.cbec.etl.kind.SheetPlan;
import io.cbec.etl.normalise.BatchParser;
import io.cbec.etl.normalise.BoundedMemo;
import io.cbec.etl.normalise.DateParser;
import io.cbec.etl.normalise.TextNormaliser;
import io.cbec.etl.normalise.quantity.UnitHint;
import io.cbec.etl.source.CellRange;
import io.cbec.etl.source.CellValue;
import io.cbec.etl.source.SourceException;
import io.cbec.etl.source.SourceRow;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds a sheet's header row and its record kind (docs/input-formats.md, "Classification by header"):
 * the first of the first 30 rows whose cells, normalised, name all required fields of a kind. The rows
 * above it are its title context.
 */
@Component
public class HeaderClassifier {

    public static final int HEADER_SEARCH_ROWS = 30;
    /** How the refusal of a header naming a column twice begins: {@link #namesAColumnTwice} tells it apart. */
    private static final String REPEATED_COLUMN = "header row ";
    /** Header cells named in a message about a header that was not read; a wide sheet says how many more. */
    private static final int NOT_UNDERSTOOD_LISTED = 8;
    private static final Pattern LAYOUT_AND_CONTROL = Pattern.compile("[\\p{Cc}\\s]+");

    private static final Pattern REVOCATION_WORDS =
            Pattern.compile("撤销|取消|撤回|revok|revocation|withdraw", Pattern.CASE_INSENSITIVE);

    private final List<RecordKind> kinds;
    /** kind id -> normalised header text -> field name; built once. */
    private final Map<String, Map<String, String>> aliases = new HashMap<>();
    private final Map<String, RecordKind> kindsById = new HashMap<>();
    /** kind id -> a header cell's text as written -> the field it names: for {@link #repeatsHeader}. */
    private final Map<String, BoundedMemo<Optional<String>>> textFields = new HashMap<>();

    HeaderClassifier(List<RecordKind> kinds, CbecProperties properties) {
        this.kinds = kinds;
        for (RecordKind kind : kinds) {
            Map<String, String> byKey = new HashMap<>();
            Map<String, List<String>> extra = properties.headerAliases().getOrDefault(kind.id(), Map.of());
            for (Field field : kind.fields()) {
                List<String> names = new ArrayList<>(field.aliases());
                names.add(field.name());
                names.addAll(extra.getOrDefault(field.name(), List.of()));
                for (String alias : names) {
                    byKey.putIfAbsent(TextNormaliser.headerKey(alias), field.name());
                }
            }
            aliases.put(kind.id(), byKey);
            kindsById.put(kind.id(), kind);
            textFields.put(kind.id(), new BoundedMemo<>(4096,
                    text -> Optional.ofNullable(field(kind, new CellValue.Text(text)))));
        }
    }

    /**
     * The verdict on one sheet. {@code kind} is null when unrecognised; {@code problem} says why.
     * {@code ambiguous}: the header fits two kinds equally, an error (the sheet is refused), where a header that
     * fits no kind is only a warning. A sheet of a kind with a {@code problem} is refused too: its header spans
     * two rows and the kind cannot read the lower one, or it names a column twice (two tables side by side),
     * which no reading of the sheet would take whole.
     */
    public record Classification(RecordKind kind, int headerRow, Map<String, Integer> columns,
                                 Map<Integer, String> headers, SheetContext context, String problem,
                                 boolean ambiguous) {
        public boolean recognised() {
            return kind != null && problem == null;
        }

        public boolean refused() {
            return ambiguous || kind != null && problem != null;
        }
    }

    /**
     * The merged regions of the sheet, asked for only when its header may span two rows: listing them costs a
     * pass over an .xlsx sheet's whole part, as they are written after its rows.
     */
    @FunctionalInterface
    public interface MergedRegions {
        List<CellRange> list() throws SourceException;
    }

    /** @param firstRows the sheet's first rows (at most {@link #HEADER_SEARCH_ROWS}), blank rows absent */
    public Classification classify(String sheetName, List<SourceRow> firstRows) {
        try {
            return classify(sheetName, firstRows, List::of);
        } catch (SourceException e) {
            throw new IllegalStateException(e); // no regions to list
        }
    }

    /**
     * @param firstRows the sheet's first rows (at most {@link #HEADER_SEARCH_ROWS}), blank rows absent, as stored:
     *                  only the top-left cell of a merged region holds its value
     */
    public Classification classify(String sheetName, List<SourceRow> firstRows, MergedRegions regions)
            throws SourceException {
        String closest = null;
        int closestMatched = 1;
        List<String> titleLines = new ArrayList<>();
        for (int i = 0; i < firstRows.size(); i++) {
            SourceRow row = firstRows.get(i);
            SheetContext context = context(sheetName, titleLines);
            List<Candidate> candidates = new ArrayList<>();
            for (RecordKind kind : kinds) {
                Map<String, Integer> columns = match(kind, row);
                if (kind.accepts(columns.keySet(), context)) {
                    candidates.add(new Candidate(kind, columns));
                } else if (columns.size() > closestMatched) {
                    closestMatched = columns.size();
                    closest = "row " + row.rowNumber() + " looks like a " + kind.label().toLowerCase()
                            + " header but lacks " + kind.lacks(columns.keySet(), context)
                            + notUnderstood(row, columns);
                }
            }
            if (!candidates.isEmpty()) {
                candidates.sort((a, b) -> b.columns.size() - a.columns.size());
                Candidate best = candidates.get(0);
                // The kind reading more columns wins only if it reads every column the other would: otherwise
                // either reading drops a column of data, and the two fit equally (docs/input-formats.md).
                for (Candidate other : candidates.subList(1, candidates.size())) {
                    if (other.columns.size() == best.columns.size()
                            || !best.columns.values().containsAll(other.columns.values())) {
                        return new Classification(null, row.rowNumber(), Map.of(), Map.of(), context,
                                ambiguity(row, best, other), true);
                    }
                }
                SourceRow next = i + 1 < firstRows.size() ? firstRows.get(i + 1) : null;
                Optional<Classification> twoRows = twoRowHeader(best.kind, row, next, context, regions);
                if (twoRows.isPresent()) {
                    return twoRows.get();
                }
                String repeated = repeatedColumns(row, best);
                return new Classification(best.kind, row.rowNumber(), best.columns, headerTexts(row), context, repeated,
                        false);
            }
            titleLines.add(rowText(row));
        }
        return new Classification(null, 0, Map.of(), Map.of(), SheetContext.NONE,
                closest != null ? closest : "no header row of a known kind in the first " + HEADER_SEARCH_ROWS
                        + " rows", false);
    }

    private record Candidate(RecordKind kind, Map<String, Integer> columns) { }

    /**
     * Names both kinds and, for each, the columns it would leave out: both lists are empty (the kinds read the
     * same columns) or neither is (each reads a column the other does not).
     */
    private static String ambiguity(SourceRow row, Candidate a, Candidate b) {
        String unreadByA = unread(row, a, b);
        String unreadByB = unread(row, b, a);
        String fits = "header row " + row.rowNumber() + " fits both " + a.kind.label() + " and " + b.kind.label();
        String fix = "rename or remove a column so that it fits one kind, or split the sheet in two";
        if (unreadByA.isEmpty()) {
            return fits + " equally; the sheet is not read: " + fix;
        }
        return fits + "; the sheet is not read, as either would leave data out (" + a.kind.label()
                + " would leave out " + unreadByA + ", " + b.kind.label() + " would leave out " + unreadByB + "): " + fix;
    }

    /** The columns {@code other} reads and {@code kind} does not, as "D (下载量), E (事件)". */
    private static String unread(SourceRow row, Candidate kind, Candidate other) {
        return other.columns.values().stream().filter(c -> !kind.columns.containsValue(c)).sorted()
                .map(c -> SourceRow.columnLetters(c) + " (" + TextNormaliser.clean(row.cell(c).raw()) + ")")
                .collect(Collectors.joining(", "));
    }

    /** Whether a refused sheet's problem is a header naming a column twice (else a header of two rows it cannot read). */
    public static boolean namesAColumnTwice(String problem) {
        return problem.startsWith(REPEATED_COLUMN);
    }

    /**
     * Whether a data row repeats the sheet's header: each column of the plan names the same field again (城市 over
     * the zones, 省份 over the provinces), as a second table stacked below the first does. Called for every data
     * row, so a text cell is looked up by its spelling once (most rows fail on their first column at a lookup).
     */
    public boolean repeatsHeader(SheetPlan plan, SourceRow row) {
        RecordKind kind = kindsById.get(plan.kindId());
        if (kind == null || plan.columns().isEmpty()) {
            return false;
        }
        BoundedMemo<Optional<String>> fields = textFields.get(kind.id());
        for (Map.Entry<String, Integer> column : plan.columns().entrySet()) { // in column order
            CellValue cell = row.cell(column.getValue());
            String field = cell instanceof CellValue.Text text ? fields.get(text.text()).orElse(null)
                    : cell == null ? null : kind.fieldForHeader(cell).orElse(null); // a date cell heading a month
            if (!column.getKey().equals(field)) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Integer> match(RecordKind kind, SourceRow row) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int c = 0; c < row.cells().size(); c++) {
            String field = field(kind, row.cell(c));
            if (field != null) {
                columns.putIfAbsent(field, c); // the first column naming a field wins; a second is looked at below
            }
        }
        return columns;
    }

    /** The field a header cell names for a kind, by alias or by the kind's own reading (a period); null if none. */
    private String field(RecordKind kind, CellValue cell) {
        String field = null;
        if (cell instanceof CellValue.Text text) {
            Map<String, String> byKey = aliases.get(kind.id());
            field = byKey.get(TextNormaliser.headerKey(text.text()));
            if (field == null) {
                // "出口额/亿元", "出口额 亿元": the unit after the name rather than in brackets.
                field = UnitHint.nameBeforeUnit(text.text()).map(name -> byKey.get(TextNormaliser.headerKey(name)))
                        .orElse(null);
            }
        }
        if (field == null && cell != null) {
            field = kind.fieldForHeader(cell).orElse(null);
        }
        return field;
    }

    /**
     * The header as two rows, when the row below the header row is its lower half: the header row has merged
     * cells (a cell merged down over the row below, or a group title merged across the columns it heads), and
     * every cell of the row below names a column: 批复 merged over 设立时间 | 批复文号, or 出口额（亿元） merged
     * over 1月 | 2月. A column under a group reads its own cell, qualified by the group's field where the group
     * names one (the kind combines the two: exports of January); a column whose cell is merged down reads that
     * cell; a column under a group with no cell of its own has no header. Empty when the row below is data: it
     * names no column and no header cell is merged down over it. When a header cell is merged down over it, the
     * row is header whatever it holds: a cell there naming nothing is a column the kind does not read (as 序号
     * is in a header of one row), and a cell under a group naming a column that the kind cannot read with the
     * group refuses the sheet.
     */
    private Optional<Classification> twoRowHeader(RecordKind kind, SourceRow upper, SourceRow lower,
                                                  SheetContext context, MergedRegions mergedRegions)
            throws SourceException {
        int top = upper.rowNumber();
        // Listing the regions costs a pass over the sheet: only rows that can be a lower half are looked at. A
        // group title leaves header cells empty above its sub-headers; a cell merged down leaves one empty below.
        if (lower == null || lower.rowNumber() != top + 1
                || !(fillsAGap(upper, lower) || !holdsNumbers(lower) && fillsAGap(lower, upper))) {
            return Optional.empty();
        }
        List<CellRange> regions = mergedRegions.list().stream().filter(r -> r.firstRow() == top).toList();
        if (regions.isEmpty()) {
            return Optional.empty();
        }
        CellRange mergedDown = regions.stream().filter(r -> r.lastRow() > top).findFirst().orElse(null);
        Map<String, Integer> columns = new LinkedHashMap<>();
        Map<Integer, String> headers = new TreeMap<>();
        List<String> unread = new ArrayList<>();
        int width = Math.max(upper.cells().size(), lower.cells().size());
        for (CellRange region : regions) {
            width = Math.max(width, region.lastColumn() + 1);
        }
        for (int c = 0; c < width; c++) {
            CellRange region = regionAt(regions, c);
            CellValue own = lower.cell(c);
            CellValue above = region != null ? upper.cell(region.firstColumn()) : upper.cell(c);
            String field;
            String header;
            if (own == null) {
                // A cell merged down heads its first column; a group title alone heads none of its columns.
                boolean headless = region != null && (region.lastRow() > top ? c != region.firstColumn()
                        : region.lastColumn() > region.firstColumn());
                if (headless || above == null) {
                    continue;
                }
                field = field(kind, above);
                header = TextNormaliser.cleanHeader(above.raw());
            } else {
                String ownField = field(kind, own);
                String groupField = above == null ? null : field(kind, above);
                field = ownField == null ? null
                        : groupField == null ? ownField : kind.groupedField(groupField, ownField).orElse(null);
                header = above == null ? TextNormaliser.cleanHeader(own.raw())
                        : TextNormaliser.cleanHeader(above.raw()) + SheetPlan.HEADER_ROWS
                        + TextNormaliser.cleanHeader(own.raw());
                if (ownField == null && groupField == null) {
                    if (mergedDown == null) {
                        return Optional.empty(); // the row below names no column: data, not header
                    }
                    headers.put(c, header); // a column this kind does not read, as 序号 in a header of one row
                    continue;
                }
                if (field == null) {
                    // under a group naming a column: a column of figures this kind cannot tell apart
                    unread.add(SourceRow.columnLetters(c) + lower.rowNumber() + " '" + TextNormaliser.clean(own.raw())
                            + "'" + (above == null ? "" : " under '" + TextNormaliser.clean(above.raw()) + "'"));
                    continue;
                }
            }
            if (field != null) {
                columns.putIfAbsent(field, c);
            }
            if (!header.isEmpty()) {
                headers.put(c, header);
            }
        }
        if (!unread.isEmpty()) {
            if (mergedDown == null) {
                return Optional.empty(); // the row below is data (and read as such)
            }
            return Optional.of(new Classification(kind, lower.rowNumber(), Map.of(), Map.of(), context,
                    "the header spans rows " + top + "-" + lower.rowNumber() + " (" + mergedDown.toA1()
                            + " is merged down over row " + lower.rowNumber() + "), but " + kind.label()
                            + " reads no column from " + String.join(", ", unread) + "; the sheet is not read: name "
                            + "each such column as one this kind reads (e.g. months 1月 | 2月 under an indicator), or "
                            + "give the sheet a header of one row", false));
        }
        if (!kind.accepts(columns.keySet(), context)) {
            return Optional.empty();
        }
        return Optional.of(new Classification(kind, lower.rowNumber(), columns, headers, context, null, false));
    }

    private static boolean holdsNumbers(SourceRow row) {
        return row.cells().stream().anyMatch(c -> c instanceof CellValue.Numeric);
    }

    /** Whether {@code row} has a cell where {@code other} has none. */
    private static boolean fillsAGap(SourceRow other, SourceRow row) {
        for (int c = 0; c < row.cells().size(); c++) {
            if (row.cell(c) != null && other.cell(c) == null) {
                return true;
            }
        }
        return false;
    }

    private static CellRange regionAt(List<CellRange> regions, int column) {
        for (CellRange r : regions) {
            if (column >= r.firstColumn() && column <= r.lastColumn()) {
                return r;
            }
        }
        return null;
    }

    /**
     * Why the header cannot be read, when it names a field a row has one of in two or more columns: 城市 | 期间 |
     * 出口额 | | 城市 | 期间 | 进口额 is two tables side by side, and reading the first 城市 column for both would book
     * the second table's figures to the first table's zones. Null when every such field has one column.
     */
    private String repeatedColumns(SourceRow row, Candidate header) {
        Map<String, List<Integer>> repeated = new LinkedHashMap<>();
        for (int c = 0; c < row.cells().size(); c++) {
            String field = field(header.kind, row.cell(c));
            if (field != null && header.columns.get(field) != c && header.kind.oneColumnOnly(field)) {
                repeated.computeIfAbsent(field, f -> new ArrayList<>(List.of(header.columns.get(f)))).add(c);
            }
        }
        if (repeated.isEmpty()) {
            return null;
        }
        List<String> named = new ArrayList<>();
        repeated.forEach((field, columns) -> named.add(field + " in " + columns.stream()
                .map(c -> SourceRow.columnLetters(c) + " (" + TextNormaliser.clean(row.cell(c).raw()) + ")")
                .collect(Collectors.joining(" and "))));
        return REPEATED_COLUMN + row.rowNumber() + " names " + String.join(", ", named) + ", where a "
                + header.kind.label().toLowerCase() + " row has one of each: the sheet is not read, as any reading "
                + "would take the second column's values for the first's or leave them out. If these are two tables "
                + "side by side, put each table in its own sheet; otherwise remove or rename the extra column";
    }

    /**
     * The header cells the kind did not read, as "; not understood: C (销售额（亿元）)": the column the user has to
     * rename is usually among them. Empty when every cell was read.
     */
    private static String notUnderstood(SourceRow row, Map<String, Integer> columns) {
        List<String> cells = new ArrayList<>();
        int count = 0;
        for (int c = 0; c < row.cells().size(); c++) {
            CellValue cell = row.cell(c);
            if (cell == null || columns.containsValue(c)) {
                continue;
            }
            // As written, not cleaned: NFKC would show a footnote mark ① as "1", hiding what to remove.
            String text = LAYOUT_AND_CONTROL.matcher(cell.raw()).replaceAll(" ").strip();
            if (!text.isEmpty() && ++count <= NOT_UNDERSTOOD_LISTED) {
                cells.add(SourceRow.columnLetters(c) + " (" + RowOutcome.Rejected.shortened(text) + ")");
            }
        }
        if (cells.isEmpty()) {
            return "";
        }
        return "; not understood: " + String.join(", ", cells)
                + (count > cells.size() ? " and " + (count - cells.size()) + " more" : "");
    }

    private static Map<Integer, String> headerTexts(SourceRow row) {
        Map<Integer, String> headers = new TreeMap<>();
        for (int c = 0; c < row.cells().size(); c++) {
            CellValue cell = row.cell(c);
            if (cell != null) {
                headers.put(c, TextNormaliser.cleanHeader(cell.raw()));
            }
        }
        return headers;
    }

    private static String rowText(SourceRow row) {
        StringBuilder sb = new StringBuilder();
        for (CellValue cell : row.cells()) {
            if (cell instanceof CellValue.Text t) {
                sb.append(sb.isEmpty() ? "" : " ").append(TextNormaliser.clean(t.text()));
            }
        }
        return sb.toString();
    }

    /** What the sheet name and the title lines above the header say about every row below. */
    static SheetContext context(String sheetName, List<String> titleLines) {
        String title = String.join(" ", titleLines).trim();
        Integer batch = BatchParser.findInTitle(title)
                .or(() -> BatchParser.findInTitle(sheetName)).orElse(null);
        String document = BatchParser.findDocument(title).or(() -> BatchParser.findDocument(sheetName)).orElse(null);
        var date = DateParser.findInTitle(title).orElse(null);
        boolean revocation = REVOCATION_WORDS.matcher(title).find() || REVOCATION_WORDS.matcher(sheetName).find();
        return new SheetContext(batch, document, date, revocation, title.isEmpty() ? null : title);
    }
}

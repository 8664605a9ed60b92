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
import io.cbec.etl.source.CellValue;
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

/**
 * Finds a sheet's header row and its record kind (docs/input-formats.md, "Classification by header"):
 * the first of the first 30 rows whose cells, normalised, name all required fields of a kind. The rows
 * above it are its title context.
 */
@Component
public class HeaderClassifier {

    public static final int HEADER_SEARCH_ROWS = 30;
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
     * fits no kind is only a warning. A {@code kind} with a {@code problem} is refused too: its header names a
     * column twice (two tables side by side), which no reading of the sheet would take whole.
     */
    public record Classification(RecordKind kind, int headerRow, Map<String, Integer> columns,
                                 Map<Integer, String> headers, SheetContext context, String problem,
                                 boolean ambiguous) {
        public boolean recognised() {
            return kind != null && problem == null;
        }

        /** An error, REJECTED in Files: where a sheet that is only unrecognised is a warning. */
        public boolean refused() {
            return ambiguous || kind != null && problem != null;
        }
    }

    /** @param firstRows the sheet's first rows (at most {@link #HEADER_SEARCH_ROWS}), blank rows absent */
    public Classification classify(String sheetName, List<SourceRow> firstRows) {
        String closest = null;
        int closestMatched = 1;
        List<String> titleLines = new ArrayList<>();
        for (SourceRow row : firstRows) {
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
                .collect(java.util.stream.Collectors.joining(", "));
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

    /** The field of {@code kind} a header cell names, or null. */
    private String field(RecordKind kind, CellValue cell) {
        String field = null;
        if (cell instanceof CellValue.Text text) {
            field = aliases.get(kind.id()).get(TextNormaliser.headerKey(text.text()));
        }
        if (field == null && cell != null) {
            field = kind.fieldForHeader(cell).orElse(null);
        }
        return field;
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
                .collect(java.util.stream.Collectors.joining(" and "))));
        return "header row " + row.rowNumber() + " names " + String.join(", ", named) + ", where a "
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
                headers.put(c, TextNormaliser.clean(cell.raw()));
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

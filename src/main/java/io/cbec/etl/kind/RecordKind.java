package io.cbec.etl.kind;

import io.cbec.etl.check.CheckRecorder;
import io.cbec.etl.report.ReportWorkbook;
import io.cbec.etl.source.CellValue;
import io.cbec.etl.source.SourceRow;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One kind of record the job understands (zone registry, zone indicators, platform metrics...). A kind
 * is a Spring bean in its own package; the inventory, ingest, validate and report steps iterate over all
 * registered kinds, so adding a kind touches no other kind. Beans are ordered with {@code @Order}: that
 * order is the order of their sheets in the report.
 */
public interface RecordKind {

    /** Stable id stored with each classified sheet and used in configuration keys, e.g. "zone-registry". */
    String id();

    /** Shown in the Files and Summary sheets, e.g. "Zone registry". */
    String label();

    /** The columns with their built-in aliases; configuration may add aliases. */
    List<Field> fields();

    /**
     * Whether a header with these matched fields can be read as this kind, given what the title rows
     * and the sheet name say. The default: every required field is present.
     */
    default boolean accepts(Set<String> matchedFields, SheetContext context) {
        return fields().stream().filter(Field::required).allMatch(f -> matchedFields.contains(f.name()));
    }

    /**
     * What a header with these matched fields lacks to be read as this kind, for the message of a sheet left
     * unread (docs/bad-inputs.md #12: name the missing column): "the required column(s) expected". The default
     * names the required fields that are not matched; a kind whose {@link #accepts} asks for more says what.
     */
    default String lacks(Set<String> matchedFields, SheetContext context) {
        List<String> missing = fields().stream().filter(Field::required).map(Field::name)
                .filter(f -> !matchedFields.contains(f)).toList();
        return missing.isEmpty() ? "the context it needs" : "the required column(s) " + String.join(", ", missing);
    }

    /**
     * Whether a row holds one value of this field (a zone, a period, a date...), so that a header naming it in
     * two columns cannot be read as one table: two tables side by side (城市 | 期间 | 出口额 | | 城市 | 期间 | 进口额)
     * would book the second table's figures to the first table's zones. The default: the required fields.
     */
    default boolean oneColumnOnly(String field) {
        return fields().stream().anyMatch(f -> f.required() && f.name().equals(field));
    }

    /**
     * The field a header cell names when no alias does, e.g. a period heading one column of a wide sheet
     * ("2024-01", a date cell). The default: none.
     */
    default Optional<String> fieldForHeader(CellValue header) {
        return Optional.empty();
    }

    /**
     * The field of a column under a header of two rows whose upper cell, merged across the columns it heads,
     * names one field and whose own cell names another: 出口额（亿元） over 1月 | 2月 is a column of exports for
     * January. The default: empty, this kind reads no such column (the row below is then data, or, when a header
     * cell is merged down over it, the sheet is refused naming the column).
     */
    default Optional<String> groupedField(String groupField, String ownField) {
        return Optional.empty();
    }

    /** Turns one row below the header into a record, a stated total, a rejection or nothing. */
    RowOutcome normalise(SheetPlan plan, SourceRow row);

    /** Stages accepted records (of this kind only) with batched inserts. */
    void stage(JdbcClient jdbc, long instanceId, List<StagedRecord> records);

    /** The number of records staged from one sheet, for the Files sheet. */
    long stagedRows(JdbcClient jdbc, long instanceId, int fileNo, int sheetNo);

    /**
     * Runs once all sheets are staged, before any check: a kind may resolve its records against what other
     * kinds staged (indicators against the registry of the same run) and reject rows. Must be repeatable:
     * the validate step reruns on restart. The default: nothing.
     */
    default void settle(JdbcClient jdbc, long instanceId) {
    }

    /** Runs this kind's checks over its staged data and records each result. */
    void validate(JdbcClient jdbc, long instanceId, CheckRecorder checks);

    /** Adds this kind's Summary items (label, value) in contract order. */
    List<SummaryItem> summaryItems(JdbcClient jdbc, long instanceId);

    /** Writes this kind's report sheets. */
    void writeReportSheets(JdbcClient jdbc, long instanceId, ReportWorkbook workbook);

    /** Deletes everything this kind staged for an instance (housekeeping and clean restarts). */
    void purge(JdbcClient jdbc, long instanceId);

    /**
     * Runs once per process, right after the state database's schema: brings what an older version staged
     * into this version's form, so that a run it left unfinished resumes. The default: nothing.
     */
    default void upgradeState() {
    }

    /** A record with the place it came from. */
    record StagedRecord(SheetPlan plan, int row, Object record) { }

    /** One Summary row; value is a String, Number or LocalDate/Formatted as the report writer takes. */
    record SummaryItem(String item, Object value) { }
}

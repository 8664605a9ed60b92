package io.cbec.etl.ingest;

import io.cbec.etl.kind.SheetContext;
import io.cbec.etl.kind.SheetPlan;
import io.cbec.etl.normalise.DateParser;
import io.cbec.etl.report.CellTextSanitiser;
import io.cbec.etl.source.FileType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The source_file and source_sheet tables: what the inventory found, and the plans the ingest step
 * follows (so a restarted ingest reads every sheet exactly as first classified).
 */
@Component
public class SheetPlanStore {

    private static final String UNIT = "\u001F";
    private static final String RECORD = "\u001E";

    private final JdbcClient jdbc;

    SheetPlanStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void clear(long instanceId) {
        jdbc.sql("DELETE FROM source_sheet WHERE instance_id = :id").param("id", instanceId).update();
        jdbc.sql("DELETE FROM source_file WHERE instance_id = :id").param("id", instanceId).update();
        jdbc.sql("DELETE FROM rejected_row WHERE instance_id = :id").param("id", instanceId).update();
        jdbc.sql("DELETE FROM stated_total WHERE instance_id = :id").param("id", instanceId).update();
    }

    void addFile(long instanceId, int fileNo, String name, FileType type, Long size, String sha256, String status,
                 boolean unreadable, String error) {
        jdbc.sql("""
                        INSERT INTO source_file (instance_id, file_no, file_name, file_type, size_bytes, sha256, status,
                                                 unreadable, error)
                        VALUES (:id, :no, :name, :type, :size, :sha, :status, :unreadable, :error)""")
                .param("id", instanceId).param("no", fileNo).param("name", name)
                .param("type", type == null ? null : type.name()).param("size", size).param("sha", sha256)
                .param("status", status).param("unreadable", unreadable).param("error", truncate(error, 4000)).update();
    }

    void addSheet(long instanceId, int fileNo, int sheetNo, String sheetName, boolean hidden, String kind,
                  String status, int headerRow, Map<String, Integer> columns, Map<Integer, String> headers,
                  SheetContext context, String error) {
        jdbc.sql("""
                        INSERT INTO source_sheet (instance_id, file_no, sheet_no, sheet_name, hidden, kind, status,
                            header_row, column_map, header_texts, ctx_batch, ctx_document, ctx_date, ctx_revoked,
                            ctx_title, rows_read, error)
                        VALUES (:id, :file, :sheet, :name, :hidden, :kind, :status, :header, :columns, :headers,
                            :batch, :document, :date, :revoked, :title, 0, :error)""")
                .param("id", instanceId).param("file", fileNo).param("sheet", sheetNo).param("name", sheetName)
                .param("hidden", hidden).param("kind", kind).param("status", status).param("header", headerRow)
                .param("columns", encodeColumns(columns)).param("headers", encodeHeaders(headers))
                .param("batch", context.batch()).param("document", context.document())
                .param("date", context.date() == null ? null : context.date().toString())
                .param("revoked", context.revocation()).param("title", truncate(context.title(), 2000))
                .param("error", truncate(error, 4000)).update();
    }

    /** The sheets to ingest, in file and sheet order. */
    public List<SheetPlan> plans(long instanceId, Map<Integer, Path> paths) {
        return jdbc.sql("""
                        SELECT s.file_no, f.file_name, f.file_type, s.sheet_no, s.sheet_name, s.kind, s.header_row,
                               s.column_map, s.header_texts, s.ctx_batch, s.ctx_document, s.ctx_date, s.ctx_revoked,
                               s.ctx_title
                        FROM source_sheet s JOIN source_file f ON f.instance_id = s.instance_id AND f.file_no = s.file_no
                        WHERE s.instance_id = :id AND s.kind IS NOT NULL AND s.status = 'READ'
                        ORDER BY s.file_no, s.sheet_no""")
                .param("id", instanceId)
                .query((rs, n) -> {
                    Integer batch = (Integer) rs.getObject(10);
                    String date = rs.getString(12);
                    SheetContext context = new SheetContext(batch, rs.getString(11),
                            date == null ? null : DateParser.parse(date).value(), rs.getBoolean(13), rs.getString(14));
                    int fileNo = rs.getInt(1);
                    return new SheetPlan(fileNo, rs.getString(2), paths.get(fileNo), FileType.valueOf(rs.getString(3)),
                            rs.getInt(4), rs.getString(5), rs.getString(6), rs.getInt(7),
                            decodeColumns(rs.getString(8)), decodeHeaders(rs.getString(9)), context);
                })
                .list();
    }

    void markSheetFailed(long instanceId, int fileNo, int sheetNo, String error) {
        jdbc.sql("""
                        UPDATE source_sheet SET status = 'REJECTED', error = :error
                        WHERE instance_id = :id AND file_no = :file AND sheet_no = :sheet""")
                .param("error", truncate(error, 4000)).param("id", instanceId).param("file", fileNo)
                .param("sheet", sheetNo).update();
        jdbc.sql("UPDATE source_file SET status = 'REJECTED', unreadable = TRUE, error = :error WHERE instance_id = :id AND file_no = :file")
                .param("error", truncate(error, 4000)).param("id", instanceId).param("file", fileNo).update();
    }

    void addRows(long instanceId, int fileNo, int sheetNo, long read, long accepted) {
        jdbc.sql("""
                        UPDATE source_sheet SET rows_read = rows_read + :read,
                            rows_accepted = COALESCE(rows_accepted, 0) + :accepted
                        WHERE instance_id = :id AND file_no = :file AND sheet_no = :sheet""")
                .param("read", read).param("accepted", accepted).param("id", instanceId).param("file", fileNo)
                .param("sheet", sheetNo).update();
    }

    /** Cut to the column's width with the workbooks' marker saying how much was cut: never silently. */
    static String truncate(String s, int max) {
        return CellTextSanitiser.truncate(s, max);
    }

    private static String encodeColumns(Map<String, Integer> columns) {
        StringBuilder sb = new StringBuilder();
        columns.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : RECORD).append(k).append(UNIT).append(v));
        return sb.toString();
    }

    private static Map<String, Integer> decodeColumns(String text) {
        Map<String, Integer> map = new LinkedHashMap<>();
        if (text != null && !text.isEmpty()) {
            for (String entry : text.split(RECORD)) {
                String[] kv = entry.split(UNIT, 2);
                map.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        return map;
    }

    private static String encodeHeaders(Map<Integer, String> headers) {
        StringBuilder sb = new StringBuilder();
        headers.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : RECORD).append(k).append(UNIT)
                .append(truncate(v.replace(RECORD, " ").replace(UNIT, " "), 200)));
        return truncate(sb.toString(), 20000);
    }

    private static Map<Integer, String> decodeHeaders(String text) {
        Map<Integer, String> map = new TreeMap<>();
        if (text != null && !text.isEmpty()) {
            for (String entry : text.split(RECORD)) {
                String[] kv = entry.split(UNIT, 2);
                if (kv.length == 2) {
                    map.put(Integer.parseInt(kv[0]), kv[1]);
                }
            }
        }
        return map;
    }
}

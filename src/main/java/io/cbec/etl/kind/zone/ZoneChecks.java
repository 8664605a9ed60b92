package io.cbec.etl.kind.zone;

import io.cbec.etl.check.CheckRecorder;
import io.cbec.etl.check.CheckResult;
import io.cbec.etl.check.CheckStatus;
import io.cbec.etl.check.CheckValue;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Registry integrity (docs/design.md, "What validate totals means"): every stated total equals its rows;
 * no zone approved twice; every revocation names an approved zone; each batch has one date and document.
 */
final class ZoneChecks {

    /** How many places a check on a repeated zone lists; the count of the rest follows. */
    static final int PLACES_LISTED = 10;

    void run(JdbcClient jdbc, long id, CheckRecorder recorder) {
        long entries = jdbc.sql("SELECT COUNT(*) FROM zone_entry WHERE instance_id = :id").param("id", id)
                .query(Long.class).single();
        if (entries == 0) {
            recorder.record(new CheckResult("Registry present", "pilot-zone registry", "a registry sheet", "none",
                    CheckStatus.WARN, "No sheet among the inputs is a pilot-zone registry: the zone sheets are empty.",
                    ""));
            return;
        }
        statedTotals(jdbc, id, recorder);
        approvedOnce(jdbc, id, recorder);
        revocations(jdbc, id, recorder);
        batchConsistency(jdbc, id, recorder);
    }

    /** A 合计 or Total row covers its sheet; a 小计 or Subtotal row covers the rows since the last stated total. */
    private void statedTotals(JdbcClient jdbc, long id, CheckRecorder recorder) {
        record Stated(String file, String sheet, int fileNo, int sheetNo, int row, String label, boolean subtotal,
                      java.math.BigDecimal value, String column, Integer batch, int from) { }
        List<Stated> stated = jdbc.sql("""
                        SELECT f.file_name, s.sheet_name, t.file_no, t.sheet_no, t.row_no, t.label, t.subtotal,
                               t.stated_value, t.column_name, s.ctx_batch,
                               CASE WHEN t.subtotal THEN COALESCE((SELECT MAX(p.row_no) FROM stated_total p
                                   WHERE p.instance_id = t.instance_id AND p.kind = t.kind AND p.file_no = t.file_no
                                     AND p.sheet_no = t.sheet_no AND p.row_no < t.row_no), 0) ELSE 0 END
                        FROM stated_total t
                        JOIN source_file f ON f.instance_id = t.instance_id AND f.file_no = t.file_no
                        JOIN source_sheet s ON s.instance_id = t.instance_id AND s.file_no = t.file_no
                                           AND s.sheet_no = t.sheet_no
                        WHERE t.instance_id = :id AND t.kind = :kind
                        ORDER BY t.file_no, t.sheet_no, t.row_no""")
                .param("id", id).param("kind", ZoneRegistryKind.ID)
                .query((rs, n) -> new Stated(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getString(6), rs.getBoolean(7), rs.getBigDecimal(8), rs.getString(9),
                        (Integer) rs.getObject(10), rs.getInt(11)))
                .list();
        for (Stated t : stated) {
            // Rejected rows still count as rows of the sheet: the total states what the sheet lists, and the
            // rejects are reported (and fail the run) on their own.
            long rows = jdbc.sql("""
                            SELECT (SELECT COUNT(*) FROM zone_entry WHERE instance_id = :id AND file_no = :file
                                        AND sheet_no = :sheet AND row_no > :from AND row_no < :to)
                                 + (SELECT COUNT(*) FROM rejected_row WHERE instance_id = :id AND file_no = :file
                                        AND sheet_no = :sheet AND row_no > :from AND row_no < :to)""")
                    .param("id", id).param("file", t.fileNo()).param("sheet", t.sheetNo()).param("from", t.from())
                    .param("to", t.row()).query(Long.class).single();
            String scope = t.file() + "!" + t.sheet() + (t.batch() != null ? " (batch " + t.batch() + ")" : "")
                    + (t.from() > 0 ? ", rows " + (t.from() + 1) + "-" + (t.row() - 1) : "");
            String check = t.subtotal() ? "Stated subtotal" : "Stated total";
            String place = t.file() + "!" + t.sheet() + "!" + t.row() + (t.column() == null ? "" : " " + t.column());
            if (t.value() == null) {
                recorder.record(new CheckResult(check, scope, CheckValue.text("no count"), CheckValue.count(rows),
                        CheckStatus.FAIL, "'" + t.label() + "' is a total row but gives no count of zones that can be"
                        + " read: write the number of zones in the row (e.g. 合计：" + rows + "个), or delete the row",
                        place));
                continue;
            }
            String expected = t.value().stripTrailingZeros().toPlainString();
            boolean pass = t.value().compareTo(java.math.BigDecimal.valueOf(rows)) == 0;
            recorder.record(new CheckResult(check, scope, CheckValue.number(t.value(), null), CheckValue.count(rows),
                    pass ? CheckStatus.PASS : CheckStatus.FAIL,
                    pass ? "'" + t.label() + "' equals the zones listed above it"
                            : "'" + t.label() + "' states " + expected + " zones but " + rows + " are listed above it",
                    place));
        }
    }

    private void approvedOnce(JdbcClient jdbc, long id, CheckRecorder recorder) {
        record Repeat(String key, String name, int entries, int batches, int files, String places) { }
        // Only the first few places of each repeated zone are listed: a big input with many repeats
        // would otherwise build one string per zone with every row in it (LISTAGG over the whole group).
        List<Repeat> repeats = jdbc.sql("""
                        SELECT e.zone_key, MIN(e.zone_zh), COUNT(*), COUNT(DISTINCT e.batch),
                               COUNT(DISTINCT e.file_no),
                               LISTAGG(CASE WHEN e.nth <= %d THEN f.file_name || '!' || s.sheet_name || '!' || e.row_no
                                            || ' (batch ' || e.batch || ')' END, '; ')
                                   WITHIN GROUP (ORDER BY e.file_no, e.sheet_no, e.row_no)
                        FROM (SELECT z.*, ROW_NUMBER() OVER (PARTITION BY z.zone_key
                                                             ORDER BY z.file_no, z.sheet_no, z.row_no) AS nth
                              FROM zone_entry z WHERE z.instance_id = :id AND z.batch IS NOT NULL) e
                        JOIN source_file f ON f.instance_id = e.instance_id AND f.file_no = e.file_no
                        JOIN source_sheet s ON s.instance_id = e.instance_id AND s.file_no = e.file_no
                                           AND s.sheet_no = e.sheet_no
                        GROUP BY e.zone_key HAVING COUNT(*) > 1
                        ORDER BY MIN(e.batch), e.zone_key""".formatted(PLACES_LISTED))
                .param("id", id)
                .query((rs, n) -> new Repeat(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getString(6) + (rs.getInt(3) > PLACES_LISTED
                                ? "; and " + (rs.getInt(3) - PLACES_LISTED) + " more" : "")))
                .list();
        long zones = jdbc.sql("SELECT COUNT(DISTINCT zone_key) FROM zone_entry WHERE instance_id = :id AND batch IS NOT NULL")
                .param("id", id).query(Long.class).single();
        int corroborated = 0;
        int failures = 0;
        for (Repeat r : repeats) {
            if (r.batches() > 1) {
                failures++;
                recorder.record(new CheckResult("Zone approved once", r.name(), CheckValue.count(1, "batch"),
                        CheckValue.count(r.batches(), "batches"),
                        CheckStatus.FAIL, r.name() + " is listed in " + r.batches()
                        + " different batches: correct the wrong row", r.places()));
            } else if (r.entries() > r.files()) { // two rows of one file (one sheet or two)
                failures++;
                recorder.record(new CheckResult("Zone approved once", r.name(), CheckValue.count(1, "row per source"),
                        CheckValue.count(r.entries(), "rows"), CheckStatus.FAIL, r.name()
                        + " is listed more than once in the same file: remove the duplicate row", r.places()));
            } else {
                corroborated++; // the same approval in two source files: they agree, and it is counted once
            }
        }
        if (failures == 0) {
            recorder.record(new CheckResult("Zone approved once", "all zones", CheckValue.count(zones, "zones"),
                    CheckValue.count(zones, "zones"),
                    CheckStatus.PASS, "No zone is approved twice" + (corroborated > 0 ? "; " + corroborated
                    + " zone(s) are listed by two source files with the same batch and are counted once" : ""), ""));
        }
    }

    private void revocations(JdbcClient jdbc, long id, CheckRecorder recorder) {
        record Orphan(String name, String place) { }
        List<Orphan> orphans = jdbc.sql("""
                        SELECT e.zone_zh, f.file_name || '!' || s.sheet_name || '!' || e.row_no
                        FROM zone_entry e
                        JOIN source_file f ON f.instance_id = e.instance_id AND f.file_no = e.file_no
                        JOIN source_sheet s ON s.instance_id = e.instance_id AND s.file_no = e.file_no
                                           AND s.sheet_no = e.sheet_no
                        WHERE e.instance_id = :id AND e.revoked AND NOT EXISTS (
                            SELECT 1 FROM zone_entry a WHERE a.instance_id = e.instance_id AND a.zone_key = e.zone_key
                                                         AND a.batch IS NOT NULL)
                        ORDER BY e.file_no, e.sheet_no, e.row_no""")
                .param("id", id).query((rs, n) -> new Orphan(rs.getString(1), rs.getString(2))).list();
        long revoked = jdbc.sql("SELECT COUNT(DISTINCT zone_key) FROM zone_entry WHERE instance_id = :id AND revoked")
                .param("id", id).query(Long.class).single();
        for (Orphan o : orphans) {
            recorder.record(new CheckResult("Revocation names an approved zone", o.name(), "an approved zone",
                    "never approved", CheckStatus.FAIL, o.name()
                    + " is revoked but no registry row approves it: add its approval or correct the name", o.place()));
        }
        if (orphans.isEmpty()) {
            recorder.record(new CheckResult("Revocation names an approved zone", "all revocations",
                    CheckValue.count(revoked, "revoked"), CheckValue.count(revoked, "revoked"), CheckStatus.PASS,
                    revoked == 0 ? "No zone is revoked" : "Every revoked zone was approved", ""));
        }
    }

    private void batchConsistency(JdbcClient jdbc, long id, CheckRecorder recorder) {
        record Batch(int batch, int dates, int documents, String documentList) { }
        List<Batch> batches = jdbc.sql("""
                        SELECT batch, COUNT(DISTINCT approved_on), COUNT(DISTINCT document),
                               LISTAGG(DISTINCT document, ', ') WITHIN GROUP (ORDER BY document)
                        FROM zone_entry WHERE instance_id = :id AND batch IS NOT NULL
                        GROUP BY batch ORDER BY batch""")
                .param("id", id)
                .query((rs, n) -> new Batch(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getString(4)))
                .list();
        // Each date as the sources give it (2022-01 for batch 6's 2022年1月, not an invented 2022-01-01): a
        // few dates a batch.
        Map<Integer, Set<String>> dateLists = new TreeMap<>();
        jdbc.sql("""
                        SELECT DISTINCT batch, approved_on, approved_prec FROM zone_entry
                        WHERE instance_id = :id AND batch IS NOT NULL AND approved_on IS NOT NULL
                        ORDER BY batch, approved_on, approved_prec""")
                .param("id", id)
                .query(rs -> {
                    dateLists.computeIfAbsent(rs.getInt(1), b -> new LinkedHashSet<>())
                            .add(ZoneRegister.partial(rs, 2, 3).toString());
                });
        for (Batch b : batches) {
            boolean pass = b.dates() <= 1 && b.documents() <= 1;
            Set<String> dates = dateLists.get(b.batch());
            String actual = (dates == null ? "no date" : String.join(", ", dates)) + " / "
                    + (b.documentList() == null ? "no document" : b.documentList());
            recorder.record(new CheckResult("Batch has one approval date and document", "batch " + b.batch(),
                    "one date and one document", actual, pass ? CheckStatus.PASS : CheckStatus.FAIL,
                    pass ? "All zones of batch " + b.batch() + " agree"
                            : "Zones of batch " + b.batch() + " disagree on the approval date or document: correct the odd rows",
                    ""));
        }
    }
}

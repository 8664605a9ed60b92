package io.cbec.etl.kind.indicator;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * A figure cell merged down over the rows of several zones (D12:D13 over 南京市 and 苏州市) is one figure for all
 * of them together: copied to each row, as a zone or a period is, it would count twice in the province totals.
 * Settled once every sheet is staged, as only then is it known that the region spans two rows read as records
 * (a region over a row and the blank lower part of a tall row is that row's figure): each such row is listed in
 * Rejected Rows naming the region, and kept out of the report. The stated totals count the figure once, as the
 * sheet shows it ({@code merged_copy}).
 */
final class MergedFigures {

    private MergedFigures() {
    }

    static void settle(JdbcClient jdbc, long id) {
        record Region(int fileNo, int sheetNo, String range, String column, String raw, int rows, List<String> zones,
                      String periods) { }
        List<Region> regions = jdbc.sql("""
                        SELECT file_no, sheet_no, merged_range, MIN(column_name), MIN(CASE WHEN NOT merged_copy
                                   THEN raw_value END), COUNT(DISTINCT row_no),
                               LISTAGG(DISTINCT zone_zh, ', ') WITHIN GROUP (ORDER BY zone_zh),
                               LISTAGG(DISTINCT period_label, ', ') WITHIN GROUP (ORDER BY period_label)
                        FROM indicator_value
                        WHERE instance_id = :id AND row_kind = 'DETAIL' AND merged_range IS NOT NULL
                        GROUP BY file_no, sheet_no, merged_range HAVING COUNT(DISTINCT row_no) > 1
                        ORDER BY file_no, sheet_no, merged_range""")
                .param("id", id)
                .query((rs, n) -> new Region(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), List.of(rs.getString(7).split(", ")), rs.getString(8)))
                .list(); // one per merged figure cell: few
        for (Region r : regions) {
            String reason = r.zones().size() > 1
                    ? r.range() + " is one figure merged across " + r.rows() + " zones (" + String.join(", ", r.zones())
                            + "): give each zone its own figure, or unmerge the cells"
                    : r.range() + " is one figure merged across " + r.rows() + " rows of " + r.zones().get(0) + " ("
                            + r.periods() + "): give each row its own figure, or unmerge the cells";
            jdbc.sql("""
                            INSERT INTO rejected_row (instance_id, file_no, sheet_no, row_no, column_name, raw_value,
                                                      reason)
                            SELECT DISTINCT v.instance_id, v.file_no, v.sheet_no, v.row_no, :column, :raw, :reason
                            FROM indicator_value v
                            WHERE v.instance_id = :id AND v.file_no = :file AND v.sheet_no = :sheet
                              AND v.merged_range = :range AND NOT EXISTS (
                                SELECT 1 FROM rejected_row x WHERE x.instance_id = v.instance_id
                                    AND x.file_no = v.file_no AND x.sheet_no = v.sheet_no AND x.row_no = v.row_no)""")
                    .param("id", id).param("file", r.fileNo()).param("sheet", r.sheetNo()).param("range", r.range())
                    .param("column", r.column()).param("raw", r.raw()).param("reason", reason).update();
            // The row is rejected whole, its other figures too, as a row with a figure that cannot be read is.
            jdbc.sql("""
                            UPDATE indicator_value v SET pilot = FALSE
                            WHERE v.instance_id = :id AND v.file_no = :file AND v.sheet_no = :sheet
                              AND v.row_no IN (SELECT m.row_no FROM indicator_value m
                                  WHERE m.instance_id = :id AND m.file_no = :file AND m.sheet_no = :sheet
                                    AND m.merged_range = :range)""")
                    .param("id", id).param("file", r.fileNo()).param("sheet", r.sheetNo()).param("range", r.range())
                    .update();
        }
    }
}

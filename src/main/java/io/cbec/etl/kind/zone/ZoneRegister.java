package io.cbec.etl.kind.zone;

import io.cbec.etl.normalise.PartialDate;
import io.cbec.etl.normalise.Precision;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The register as the staged rows make it: one {@link Zone} per zone ever approved, in batch order then
 * source order. A zone listed by several rows (the same zone in two files) has its first row, in the order
 * the inputs are read, as its {@code source} (one {@code file!sheet!row}, as the report contract says) and
 * the others in {@code alsoListedIn}. Its size is bounded by the number of divisions in China (a few
 * thousand), not by the size of the inputs, so it is fine to hold it whole for the report.
 */
final class ZoneRegister {

    record Zone(String key, String code, String nameZh, String nameEn, String provinceCode, int batch,
                PartialDate approved, String document, boolean revoked, PartialDate revokedOn, String source,
                String alsoListedIn) {
        boolean active() {
            return !revoked;
        }
    }

    private ZoneRegister() {
    }

    static List<Zone> load(JdbcClient jdbc, long instanceId) {
        return jdbc.sql("""
                        WITH approval AS (
                            SELECT e.*, f.file_name || '!' || s.sheet_name || '!' || e.row_no AS place,
                                   ROW_NUMBER() OVER (PARTITION BY e.zone_key ORDER BY e.file_no, e.sheet_no, e.row_no) AS nth
                            FROM zone_entry e
                            JOIN source_file f ON f.instance_id = e.instance_id AND f.file_no = e.file_no
                            JOIN source_sheet s ON s.instance_id = e.instance_id AND s.file_no = e.file_no
                                               AND s.sheet_no = e.sheet_no
                            WHERE e.instance_id = :id AND e.batch IS NOT NULL),
                        revocation AS (
                            SELECT zone_key, MAX(revoked_on) AS revoked_on, MAX(revoked_prec) AS revoked_prec
                            FROM zone_entry WHERE instance_id = :id AND revoked GROUP BY zone_key)
                        SELECT a.zone_key, MIN(a.zone_code), MIN(a.zone_zh), MIN(a.zone_en), MIN(a.province_code),
                               MIN(a.batch), MIN(a.approved_on), MIN(a.approved_prec), MIN(a.document),
                               r.zone_key IS NOT NULL, r.revoked_on, r.revoked_prec,
                               MIN(CASE WHEN a.nth = 1 THEN a.place END),
                               LISTAGG(CASE WHEN a.nth > 1 THEN a.place END, '; ')
                                   WITHIN GROUP (ORDER BY a.file_no, a.sheet_no, a.row_no),
                               MIN(a.file_no * 100000000000 + a.sheet_no * 10000000 + a.row_no) AS first_place
                        FROM approval a LEFT JOIN revocation r ON r.zone_key = a.zone_key
                        GROUP BY a.zone_key, r.zone_key, r.revoked_on, r.revoked_prec
                        ORDER BY MIN(a.batch), first_place""")
                .param("id", instanceId)
                .query((rs, n) -> new Zone(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), partial(rs, 7, 8), rs.getString(9), rs.getBoolean(10),
                        partial(rs, 11, 12), rs.getString(13), rs.getString(14)))
                .list();
    }

    /** A staged date at its staged precision (a day when none was staged). */
    static PartialDate partial(ResultSet rs, int dateColumn, int precisionColumn) throws SQLException {
        java.sql.Date date = rs.getDate(dateColumn);
        String precision = rs.getString(precisionColumn);
        return date == null ? null : new PartialDate(date.toLocalDate(),
                precision == null ? Precision.DAY : Precision.valueOf(precision));
    }
}

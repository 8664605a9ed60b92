package io.cbec.etl.kind.indicator;

import io.cbec.etl.normalise.Division;
import io.cbec.etl.normalise.DivisionDirectory;
import io.cbec.etl.normalise.Precision;
import io.cbec.etl.normalise.ZoneMatch;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settles, once every sheet is staged, which indicator rows are about pilot zones: those the registry of
 * the same run approves, or, when the inputs hold no registry, the bundled list of the 165 zones of
 * 2015-2022. Rows about other places are listed in Rejected Rows with the reason, and kept out of the
 * report (their figures still count towards the totals their sheet states, since the sheet lists them).
 */
final class PilotZones {

    static final String BUNDLED = "/reference/cbec-pilot-zones-2015-2022.csv";

    private final DivisionDirectory directory;
    private List<MapSqlParameterSource> bundled;
    private Set<String> bundledKeys;

    PilotZones(DivisionDirectory directory) {
        this.directory = directory;
    }

    void settle(JdbcClient jdbc, NamedParameterJdbcTemplate template, long id) {
        long figures = jdbc.sql("SELECT COUNT(*) FROM indicator_value WHERE instance_id = :id AND row_kind = 'DETAIL'")
                .param("id", id).query(Long.class).single();
        if (figures == 0) {
            return;
        }
        jdbc.sql("UPDATE indicator_value SET pilot = NULL, approved_on = NULL, approved_prec = NULL WHERE instance_id = :id")
                .param("id", id).update();
        List<String> registryFiles = jdbc.sql("""
                        SELECT DISTINCT f.file_name FROM zone_entry e
                        JOIN source_file f ON f.instance_id = e.instance_id AND f.file_no = e.file_no
                        WHERE e.instance_id = :id AND e.batch IS NOT NULL ORDER BY f.file_name""")
                .param("id", id).query(String.class).list();
        String against;
        if (!registryFiles.isEmpty()) {
            jdbc.sql("""
                            UPDATE indicator_value v SET pilot = TRUE, (approved_on, approved_prec) = (
                                SELECT e.approved_on, e.approved_prec FROM zone_entry e
                                WHERE e.instance_id = v.instance_id AND e.zone_key = v.zone_key AND e.batch IS NOT NULL
                                ORDER BY e.approved_on NULLS LAST, e.approved_prec LIMIT 1)
                            WHERE v.instance_id = :id AND v.row_kind = 'DETAIL' AND EXISTS (
                                SELECT 1 FROM zone_entry e
                                WHERE e.instance_id = v.instance_id AND e.zone_key = v.zone_key AND e.batch IS NOT NULL)""")
                    .param("id", id).update();
            against = "the registry read in this run (" + String.join(", ", registryFiles) + ")";
        } else {
            List<MapSqlParameterSource> zones = bundled().stream()
                    .map(z -> new MapSqlParameterSource(z.getValues()).addValue("id", id)).toList();
            template.batchUpdate("""
                    UPDATE indicator_value SET pilot = TRUE, approved_on = :approved, approved_prec = :precision
                    WHERE instance_id = :id AND row_kind = 'DETAIL' AND zone_key = :key""",
                    zones.toArray(MapSqlParameterSource[]::new));
            against = "the bundled list of the 165 pilot zones of 2015-2022 (no registry among the inputs)";
        }
        jdbc.sql("UPDATE indicator_value SET pilot = FALSE WHERE instance_id = :id AND row_kind = 'DETAIL' AND pilot IS NULL")
                .param("id", id).update();
        jdbc.sql("""
                        INSERT INTO rejected_row (instance_id, file_no, sheet_no, row_no, column_name, raw_value, reason)
                        SELECT v.instance_id, v.file_no, v.sheet_no, v.row_no, MIN(v.zone_column), MIN(v.raw_zone),
                               MIN(v.zone_zh) || ' is not a pilot zone in ' || :against
                               || ': its figures are not reported; check the zone name, or add the zone to the registry'
                        FROM indicator_value v
                        WHERE v.instance_id = :id AND v.pilot = FALSE AND NOT EXISTS (
                            SELECT 1 FROM rejected_row r WHERE r.instance_id = v.instance_id AND r.file_no = v.file_no
                                AND r.sheet_no = v.sheet_no AND r.row_no = v.row_no)
                        GROUP BY v.instance_id, v.file_no, v.sheet_no, v.row_no""")
                .param("id", id).param("against", against).update();
    }

    /** Whether the division is a pilot zone of the bundled list of 2015-2022. */
    boolean bundledPilot(Division division) {
        return bundledKeys().contains(division.code() != null ? division.code() : "NEW:" + division.nameZh());
    }

    private synchronized Set<String> bundledKeys() {
        if (bundledKeys == null) {
            bundledKeys = bundled().stream().map(z -> (String) z.getValue("key")).collect(Collectors.toUnmodifiableSet());
        }
        return bundledKeys;
    }

    /** The bundled list resolved once: zone key and approval date. */
    private synchronized List<MapSqlParameterSource> bundled() {
        if (bundled == null) {
            List<MapSqlParameterSource> zones = new ArrayList<>();
            try (InputStream in = PilotZones.class.getResourceAsStream(BUNDLED);
                 CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get()
                         .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (CSVRecord r : parser) {
                    ZoneMatch match = directory.resolveZone(r.get("zone_name_zh"),
                            directory.province(r.get("province_zh")).orElse(null));
                    if (match instanceof ZoneMatch.Found found) {
                        String code = found.division().code();
                        String approved = r.get("approval_date");
                        boolean month = approved.length() == 7;
                        LocalDate date = month ? LocalDate.parse(approved + "-01") : LocalDate.parse(approved);
                        zones.add(new MapSqlParameterSource()
                                .addValue("key", code != null ? code : "NEW:" + found.division().nameZh())
                                .addValue("approved", Date.valueOf(date))
                                .addValue("precision", month ? Precision.MONTH.name() : Precision.DAY.name()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read bundled " + BUNDLED, e);
            }
            bundled = List.copyOf(zones);
        }
        return bundled;
    }
}

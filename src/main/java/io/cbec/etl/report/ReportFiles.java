package io.cbec.etl.report;

import java.nio.file.Path;
import java.time.LocalDate;

/** The names of the published workbooks (docs/report-contract.md). */
public final class ReportFiles {

    private ReportFiles() {
    }

    public static Path report(Path output, LocalDate reportDate) {
        return output.resolve("cbec-report-" + reportDate + ".xlsx");
    }

    public static Path dataQuality(Path output, LocalDate reportDate) {
        return output.resolve("cbec-data-quality-" + reportDate + ".xlsx");
    }
}

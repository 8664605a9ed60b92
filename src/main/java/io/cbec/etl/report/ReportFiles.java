package io.cbec.etl.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.openxmlformats.schemas.officeDocument.x2006.customProperties.CTProperty;

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

    /**
     * The run id a published workbook was written with ({@link ReportWorkbook#setProperties}), read from its
     * document properties without its sheets; empty when the file is missing, unreadable or has none.
     */
    public static Optional<String> runId(Path workbook) {
        if (!Files.isRegularFile(workbook)) {
            return Optional.empty();
        }
        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(workbook.toFile(), PackageAccess.READ);
            CTProperty property = new POIXMLProperties(pkg).getCustomProperties()
                    .getProperty(ReportWorkbook.RUN_ID_PROPERTY);
            return property == null || !property.isSetLpwstr() ? Optional.empty() : Optional.of(property.getLpwstr());
        } catch (Exception e) {
            return Optional.empty(); // replaced or damaged by hand: it is not this run's
        } finally {
            if (pkg != null) {
                pkg.revert(); // read-only: close() would try to save, and warn
            }
        }
    }
}

package io.cbec.etl.source;

/**
 * The real type of an input file as its bytes show it, whatever its extension says. Only {@link #XLSX},
 * {@link #XLS} and {@link #CSV} are read; every other type is refused with {@link #problem()}, a short
 * user-facing reason that names the format.
 */
public enum FileType {
    /** Office Open XML workbook (.xlsx, .xlsm, .xltx): zip with a transitional SpreadsheetML workbook part. */
    XLSX(null),
    /** Excel 97-2003 workbook: BIFF8 in an OLE2 container. */
    XLS(null),
    /** Plain text, read as delimited values. */
    CSV(null),
    EMPTY("empty file"),
    PDF("not a spreadsheet (looks like PDF)"),
    HTML("not a spreadsheet (looks like HTML, e.g. a web page saved as .xls); open it in Excel and save as .xlsx"),
    XML("not a spreadsheet (looks like XML); open it in Excel and save as .xlsx"),
    IMAGE("not a spreadsheet (looks like an image)"),
    ENCRYPTED("encrypted workbook; remove the password in Excel and save again"),
    OLD_EXCEL("Excel 95 or older; open it in Excel and save as .xlsx"),
    XLSB("xlsb binary workbook; open it in Excel and save as .xlsx"),
    ODS("OpenDocument spreadsheet; save it as .xlsx"),
    STRICT_OOXML("Strict Open XML workbook; save it as a normal Excel Workbook (.xlsx)"),
    UNKNOWN("not a spreadsheet (unknown format)");

    private final String problem;

    FileType(String problem) {
        this.problem = problem;
    }

    /** Whether {@link SpreadsheetFiles#open} can read this type. */
    public boolean readable() {
        return problem == null;
    }

    /** Why the type is refused, for the user; {@code null} for readable types. */
    public String problem() {
        return problem;
    }
}

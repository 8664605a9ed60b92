package io.cbec.etl.report;

import java.util.HashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The workbook's cell styles, each created once. Excel allows about 64,000 styles per workbook and
 * slows down long before that; creating a style per cell is the classic way to produce a file Excel
 * repairs or refuses. The number of styles here is bounded by formats x bold x quote prefix; the
 * formats are the column formats and the few of {@link FormattedNumber}s (a Checks sheet's units).
 */
final class WorkbookStyles {

    /** What distinguishes one style from another: the Excel number format, bold, quote prefix. */
    record Key(String excelFormat, boolean bold, boolean quotePrefixed) {

        Key(ColumnFormat format, boolean bold, boolean quotePrefixed) {
            this(format.excelFormat(), bold, quotePrefixed);
        }
    }

    private final Workbook workbook;
    private final Map<Key, CellStyle> styles = new HashMap<>();
    private final Map<String, Short> dataFormats = new HashMap<>();
    private Font boldFont;

    WorkbookStyles(Workbook workbook) {
        this.workbook = workbook;
    }

    CellStyle get(Key key) {
        return styles.computeIfAbsent(key, this::create);
    }

    CellStyle get(ColumnFormat format, boolean bold, boolean quotePrefixed) {
        return get(new Key(format, bold, quotePrefixed));
    }

    private CellStyle create(Key key) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(dataFormat(key.excelFormat()));
        if (key.bold()) {
            style.setFont(boldFont());
        }
        style.setQuotePrefixed(key.quotePrefixed());
        return style;
    }

    private short dataFormat(String excelFormat) {
        return dataFormats.computeIfAbsent(excelFormat, f -> {
            DataFormat formats = workbook.createDataFormat();
            return formats.getFormat(f);
        });
    }

    private Font boldFont() {
        if (boldFont == null) {
            boldFont = workbook.createFont();
            boldFont.setBold(true);
        }
        return boldFont;
    }
}

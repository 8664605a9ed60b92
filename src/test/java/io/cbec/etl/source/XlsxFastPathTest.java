package io.cbec.etl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.poi.ss.usermodel.DateUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shortcuts the fast xlsx reader takes must answer exactly what the slow, general paths answer. */
class XlsxFastPathTest {

    @TempDir
    Path dir;

    @Test
    void numbersParsedFromCharactersEqualDoubleParseDouble() {
        SplittableRandom random = new SplittableRandom(7);
        String[] fixed = {"0", "-0", "7", "12345", "4821.37", "-0.001", "0.1", "123456789012345", "1234567890123456",
                "9007199254740993", "1E-3", "2.5e10", " 42 ", "00012.50", ".5", "5.", "0.30000000000000004"};
        for (String text : fixed) {
            assertThat(DecimalText.parse(text.toCharArray(), text.length())).as(text).isEqualTo(Double.parseDouble(text.trim()));
        }
        for (int i = 0; i < 200_000; i++) {
            String text = switch (i % 3) {
                case 0 -> Long.toString(random.nextLong(1_000_000_000_000L));
                case 1 -> Math.round(random.nextDouble() * 1e9) / 100.0 + "";
                default -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(12)));
            };
            assertThat(DecimalText.parse(text.toCharArray(), text.length())).as(text).isEqualTo(Double.parseDouble(text));
        }
        assertThatThrownBy(() -> DecimalText.parse("12a".toCharArray(), 3)).isInstanceOf(NumberFormatException.class);
        assertThat(DecimalText.parseIndex("0042".toCharArray(), 4)).isEqualTo(42);
        assertThat(DecimalText.parseIndex("4 2".toCharArray(), 3)).isEqualTo(-1);
    }

    @Test
    void wholeDayDatesEqualPoiInBothDateSystems() {
        for (int serial = 0; serial < 80_000; serial++) {
            for (boolean date1904 : new boolean[] {false, true}) {
                assertThat(XlsxRowStream.dateTime(serial, date1904)).as("%d %s", serial, date1904)
                        .isEqualTo(DateUtil.getLocalDateTime(serial, date1904));
                assertThat(XlsxRowStream.dateTime(serial + 0.75, date1904))
                        .isEqualTo(DateUtil.getLocalDateTime(serial + 0.75, date1904));
            }
        }
    }

    @Test
    void sharedStringsDecodeEscapesSkipPhoneticRunsAndJoinRichText() throws Exception {
        XlsxSharedStrings table = XlsxSharedStrings.read(xml("""
                <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
                <si><t>杭州</t></si>\
                <si><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh sb="0" eb="1"><t>ハン</t></rPh></si>\
                <si><t>line_x000D_break_x005F_x</t></si><si><t/></si></sst>"""), 1 << 20);
        assertThat(table.count()).isEqualTo(4);
        assertThat(table.get(0)).isEqualTo("杭州");
        assertThat(table.get(1)).isEqualTo("rich text");
        assertThat(table.get(2)).isEqualTo("line\rbreak_x");
        assertThat(table.get(3)).isEmpty();
        assertThat(table.get(4)).isNull();
        assertThat(table.get(-1)).isNull();
    }

    @Test
    void sharedStringsAboveTheCapAreRefusedWithWhatToDo() {
        StringBuilder sst = new StringBuilder("<sst>");
        for (int i = 0; i < 2000; i++) {
            sst.append("<si><t>distinct string number ").append(i).append("</t></si>");
        }
        sst.append("</sst>");
        assertThatThrownBy(() -> XlsxSharedStrings.read(xml(sst.toString()), 10_000))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(XlsxSharedStrings.MAX_BYTES_PROPERTY)
                .hasMessageContaining("save it as CSV");
    }

    @Test
    void aWorkbookWhoseSharedStringsExceedTheCapIsRefusedOnOpen() throws Exception {
        Path file = dir.resolve("big-sst.xlsx");
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            var sheet = wb.createSheet("Data");
            for (int r = 0; r < 500; r++) {
                sheet.createRow(r).createCell(0).setCellValue("a distinct text value " + r);
            }
            Fixtures.write(wb, file);
        }
        String old = System.setProperty(XlsxSharedStrings.MAX_BYTES_PROPERTY, "4000");
        try {
            assertThatThrownBy(() -> SpreadsheetFiles.open(file, FileType.XLSX))
                    .isInstanceOf(SourceException.class).hasMessageContaining("shared strings table");
        } finally {
            if (old == null) {
                System.clearProperty(XlsxSharedStrings.MAX_BYTES_PROPERTY);
            } else {
                System.setProperty(XlsxSharedStrings.MAX_BYTES_PROPERTY, old);
            }
        }
        try (SpreadsheetFile book = SpreadsheetFiles.open(file, FileType.XLSX)) {
            assertThat(Fixtures.dump(book, book.sheets().get(0))).hasSize(500).contains("500: a distinct text value 499");
        }
    }

    @Test
    void internalEntityBombsAndUndeclaredEntitiesAreRefused() {
        String bomb = """
                <?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\
                <sst><si><t>&b;</t></si></sst>""";
        assertThatThrownBy(() -> XlsxSharedStrings.read(xml(bomb), 1 << 20))
                .satisfies(e -> assertThat(PoiFailures.translate("shared strings", e).getMessage())
                        .contains("refused for safety"));
        assertThatThrownBy(() -> XlsxSharedStrings.read(xml("<sst><si><t>&undeclared;</t></si></sst>"), 1 << 20))
                .satisfies(e -> assertThat(PoiFailures.translate("shared strings", e).getMessage())
                        .contains("refused for safety"));
    }

    private static ByteArrayInputStream xml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}

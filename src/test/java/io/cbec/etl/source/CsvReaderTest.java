package io.cbec.etl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvReaderTest {

    private static final Charset GB18030 = Charset.forName("GB18030");

    @TempDir
    Path dir;

    private List<String> read(Path file) throws SourceException {
        try (SpreadsheetFile csv = SpreadsheetFiles.open(file, FileType.CSV)) {
            assertThat(csv.sheets()).hasSize(1);
            return Fixtures.dump(csv, csv.sheets().get(0));
        }
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void readsUtf8WithTheFileNameAsSheetName() throws Exception {
        Path file = write("zones 2022.csv", "城市,省份\n杭州,浙江\n".getBytes(StandardCharsets.UTF_8));
        try (SpreadsheetFile csv = SpreadsheetFiles.open(file, FileType.CSV)) {
            assertThat(csv.sheets()).containsExactly(new SheetInfo(0, "zones 2022", SheetInfo.Visibility.VISIBLE));
        }
        assertThat(read(file)).containsExactly("1: 城市|省份", "2: 杭州|浙江");
    }

    @Test
    void stripsTheUtf8ByteOrderMark() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write("Zone,Batch\r\nHangzhou,7\r\n".getBytes(StandardCharsets.UTF_8));
        Path file = write("bom.csv", bytes.toByteArray());
        List<String> rows = read(file);
        assertThat(rows).containsExactly("1: Zone|Batch", "2: Hangzhou|7");
        assertThat(rows.get(0)).doesNotContain("\uFEFF");
    }

    @Test
    void readsGb18030Chinese() throws Exception {
        Path file = write("gbk.csv", "城市,批复日期,文号\n哈尔滨,2022年11月14日,国函〔2022〕126号\n".getBytes(GB18030));
        assertThat(read(file)).containsExactly("1: 城市|批复日期|文号", "2: 哈尔滨|2022年11月14日|国函〔2022〕126号");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
            "semicolon with decimal commas # 'Name;Value\nA;1,5\nB;2,25\n' # 2: A|1,5",
            "tab with thousand separators  # 'Date\tDownloads\tRevenue\n2024-01-01\t1,234\t5,678\n' # 2: 2024-01-01|1,234|5,678",
            "comma with semicolons in text # 'name,desc\na,x;y\nb,z\n' # 2: a|x;y",
    })
    void sniffsTheDelimiter(String label, String content, String secondRow) throws Exception {
        Path file = write("delimited.csv", content.getBytes(StandardCharsets.UTF_8));
        assertThat(read(file)).element(1).isEqualTo(secondRow);
    }

    @Test
    void readsQuotedFieldsWithDelimitersQuotesAndLineBreaksNumberingRowsByTheirFirstLine() throws Exception {
        String content = "Zone,Note,Value\n"
                + "\"Hangzhou, Zhejiang\",\"line one\nline two\",\"say \"\"hi\"\"\"\n"
                + "\n"
                + ",,\n"
                + "Ningbo,5'10\",\"\"\n";
        Path file = write("quoted.csv", content.getBytes(StandardCharsets.UTF_8));
        try (SpreadsheetFile csv = SpreadsheetFiles.open(file, FileType.CSV);
             RowStream rows = csv.rows(csv.sheets().get(0))) {
            assertThat(rows.next().rowNumber()).isEqualTo(1);
            SourceRow quoted = rows.next();
            assertThat(quoted.rowNumber()).isEqualTo(2);
            assertThat(quoted.cells()).containsExactly(new CellValue.Text("Hangzhou, Zhejiang"),
                    new CellValue.Text("line one\nline two"), new CellValue.Text("say \"hi\""));
            SourceRow after = rows.next();
            assertThat(after.rowNumber()).isEqualTo(6);
            assertThat(after.cells()).containsExactly(new CellValue.Text("Ningbo"), new CellValue.Text("5'10\""), null);
            assertThat(rows.next()).isNull();
        }
    }

    @Test
    void refusesAnUnterminatedQuoteNamingTheLineWhereItOpens() throws Exception {
        Path file = write("open.csv", "a,b\n1,2\n3,\"never closed\n4,5\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> read(file)).isInstanceOf(SourceException.class)
                .hasMessageStartingWith("CSV line 3: unterminated quote");
    }

    @Test
    void refusesALineLongerThanOneMegabyteWithoutBufferingIt() throws Exception {
        String longLine = "x".repeat(CsvRowStream.MAX_LINE_CHARS + 10);
        Path file = write("long.csv", ("a,b\n1,2\n" + longLine + "\n").getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> read(file)).isInstanceOf(SourceException.class)
                .hasMessageStartingWith("CSV line 3: line longer than 1 MB");
    }

    @Test
    void refusesBytesInAnotherEncodingOnTheLineWhereTheyAppear() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("城市,省份\n杭州,浙江\n".getBytes(StandardCharsets.UTF_8));
        bytes.write("宁波,浙江\n".getBytes(GB18030));
        Path file = write("mixed.csv", bytes.toByteArray());
        assertThatThrownBy(() -> read(file)).isInstanceOf(SourceException.class)
                .hasMessageStartingWith("CSV line 3: bytes that are not UTF-8");
    }

    @Test
    void readsACsvRenamedXlsxAsCsvAndLeavesItUnchanged() throws Exception {
        Path file = write("export.xlsx", "Zone;Batch\nHangzhou;1\n".getBytes(StandardCharsets.UTF_8));
        String before = Fixtures.sha256(file);
        FileTypeDetector.Detection detection = FileTypeDetector.detect(file);
        assertThat(detection.type()).isEqualTo(FileType.CSV);
        try (SpreadsheetFile csv = SpreadsheetFiles.open(file, detection.type())) {
            assertThat(Fixtures.dump(csv, csv.sheets().get(0))).containsExactly("1: Zone|Batch", "2: Hangzhou|1");
        }
        assertThat(Fixtures.sha256(file)).isEqualTo(before);
    }
}

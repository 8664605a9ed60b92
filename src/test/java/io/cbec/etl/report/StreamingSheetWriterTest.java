package io.cbec.etl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.junit.jupiter.api.Test;

/** The sheet writer must write exactly the XML POI's own writer writes, only cheaper. */
class StreamingSheetWriterTest {

    @Test
    void writesTheSameXmlAsPoiForAwkwardText() throws IOException {
        List<String> texts = new ArrayList<>(List.of(
                "", "plain", "a<b>c&d\"e'f", "line\nbreak\r\ttab", "no\u00A0break", "bell\u0007nul\u0000",
                "\uFFFE\uFFFF end", "emoji \uD83D\uDE00 pair", "lone \uD800 high", "lone \uDC00 low",
                "中文 1.2亿元", " leading and trailing ", "?>=<;:", "\uD83D"));
        String awkward = "<>&\"\n\r\t\u00A0\u0001?AZ中\uFFFE\uFFFF\uD83D\uDE00 ";
        Random random = new Random(20261129);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                // Mostly the characters that need care, with ordinary ones between them.
                text.append(random.nextInt(3) == 0 ? (char) random.nextInt(0x10000)
                        : awkward.charAt(random.nextInt(awkward.length())));
            }
            texts.add(text.toString());
        }
        assertEquals(rowsXml(texts, false), rowsXml(texts, true));
    }

    @Test
    void theUnsynchronisedBufferWritesWhatItIsGivenAcrossItsBufferBoundary() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringBuilder expected = new StringBuilder();
        try (StreamingSheetWriter.UnsynchronizedBufferedWriter writer = new StreamingSheetWriter.UnsynchronizedBufferedWriter(
                new OutputStreamWriter(bytes, StandardCharsets.UTF_8))) {
            for (int i = 0; i < 5_000; i++) {
                String piece = i % 7 == 0 ? "x".repeat(9_000) : "行" + i + "\uD83D\uDE00";
                if (i % 3 == 0) {
                    writer.write(piece);
                } else if (i % 3 == 1) {
                    writer.write(piece.toCharArray(), 0, piece.length());
                } else {
                    piece.chars().forEach(c -> {
                        try {
                            writer.write(c);
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                    });
                }
                expected.append(piece);
            }
        }
        assertEquals(expected.toString(), bytes.toString(StandardCharsets.UTF_8));
    }

    /** The rows' XML written by our writer, or by POI's own. */
    private static String rowsXml(List<String> texts, boolean ours) throws IOException {
        StringWriter out = new StringWriter();
        SheetDataWriter target = ours ? new StreamingSheetWriter(out) : new SheetDataWriter(out);
        try (SXSSFWorkbook workbook = new SXSSFWorkbook()) {
            SXSSFSheet sheet = workbook.createSheet();
            for (int i = 0; i < texts.size(); i++) {
                SXSSFRow row = sheet.createRow(i);
                row.createCell(0).setCellValue(texts.get(i));
                row.createCell(1).setCellValue(i + 0.5);
                target.writeRow(i, row);
                sheet.removeRow(row); // written here, not by the workbook's own writer as it closes
            }
        }
        target.close();
        return out.toString();
    }
}

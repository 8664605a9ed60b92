package io.cbec.etl.source;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;

/**
 * Turns what POI and the XML parser throw into a user-facing {@link SourceException}. POI's messages are
 * written for developers (they suggest changing limits); users need to know what is wrong with the file.
 */
final class PoiFailures {

    private PoiFailures() {
    }

    static SourceException translate(String context, Throwable failure) {
        if (failure instanceof SourceException source) {
            return source;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (message.contains("max. ratio of compressed file size")) {
                return new SourceException("file inflates more than " + Math.round(1 / PoiLimits.MIN_INFLATE_RATIO)
                        + "x when unzipped (zip bomb limit, MIN_INFLATE_RATIO " + PoiLimits.MIN_INFLATE_RATIO
                        + "); not read", failure);
            }
            if (message.contains("max size of the expanded data")) {
                return new SourceException("a part of the file is larger than " + (PoiLimits.MAX_ENTRY_SIZE >> 20)
                        + " MB unzipped (zip bomb limit, MAX_ENTRY_SIZE); not read", failure);
            }
            if (message.contains("more internal file entries than expected")) {
                return new SourceException("zip has more than " + PoiLimits.MAX_FILE_COUNT
                        + " entries (limit against hostile files, MAX_FILE_COUNT); not read", failure);
            }
            if (message.contains("DOCTYPE") || message.contains("DTD") || message.contains("entity")) {
                return new SourceException(context + ": XML with a DTD or entities, refused for safety", failure);
            }
            if (t instanceof EncryptedDocumentException) {
                return new SourceException("encrypted workbook; remove the password in Excel and save again", failure);
            }
            if (t instanceof OldExcelFormatException) {
                return new SourceException("Excel 95 or older; open it in Excel and save as .xlsx", failure);
            }
            if (t instanceof OutOfMemoryError) {
                return new SourceException(context + ": file too large for the memory given to the job", failure);
            }
        }
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new SourceException(context + ": damaged or unreadable file (" + firstLine(detail)
                + "); open it in Excel and save it again", failure);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}

package io.cbec.etl.source;

import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.util.IOUtils;

/**
 * POI's safety limits, which are JVM-global, set in one place. Inputs are untrusted (e-mail, shared
 * drives), so each limit is chosen to refuse hostile files early while leaving room for the largest
 * legitimate input: a full 1,048,576-row sheet.
 *
 * <ul>
 *   <li>{@value #MIN_INFLATE_RATIO} minimum compressed/uncompressed ratio: an entry that inflates more
 *       than 100x is refused as a zip bomb. Real sheet XML compresses 5-20x; 100x is only reached by
 *       padding.</li>
 *   <li>{@value #MAX_ENTRY_SIZE} bytes (2 GB) per zip entry: a 1,048,576 x 50 sheet is about 2 GB of XML.
 *       Sheets are streamed, so this bounds time, not memory.</li>
 *   <li>{@value #MAX_FILE_COUNT} zip entries: a workbook has a few dozen parts; thousands only come from
 *       crafted files meant to exhaust the part table.</li>
 *   <li>{@value #MAX_BYTE_ARRAY} bytes (100 MB) for any one array POI allocates (it replaces POI's
 *       per-record maximums): readers here never need a whole part in memory, so anything bigger is a
 *       corrupt or hostile length field, and refusing it keeps a 1-2 GB heap safe.</li>
 *   <li>{@value #MAX_TEXT_SIZE} characters (10 million) of text that POI extracts from one part: POI's
 *       default, set explicitly so it is a decision, not an accident of the version.</li>
 * </ul>
 *
 * {@link #apply()} is called once at start-up by the entry point, before any file is opened; the
 * readers also make sure of it when used on their own (tests, tools). The values are in README.md,
 * "Limits on untrusted input".
 */
public final class PoiLimits {

    public static final double MIN_INFLATE_RATIO = 0.01;
    public static final long MAX_ENTRY_SIZE = 2L * 1024 * 1024 * 1024;
    public static final long MAX_FILE_COUNT = 1000;
    public static final int MAX_BYTE_ARRAY = 100 * 1024 * 1024;
    public static final long MAX_TEXT_SIZE = 10_000_000;

    private PoiLimits() {
    }

    /** Sets the limits; safe to call any number of times and from any thread. */
    public static synchronized void apply() {
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_SIZE);
        ZipSecureFile.setMaxFileCount(MAX_FILE_COUNT);
        ZipSecureFile.setMaxTextSize(MAX_TEXT_SIZE);
        IOUtils.setByteArrayMaxOverride(MAX_BYTE_ARRAY);
    }
}

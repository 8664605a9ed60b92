package io.cbec.etl.kind.platform;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a run of figures: a table of the texts it uses (platforms, parents, metrics,
 * precisions, country codes), then each figure as variable-length integers, about 15 bytes a figure. A
 * block is what one row of platform_figure_block holds, and what the sort's temporary files are made of.
 */
final class FigureBlock {

    private static final int FORMAT = 1;
    /** A value's scale byte that says the value follows as text (its unscaled value needs over 63 bits). */
    private static final int TEXT_VALUE = 127;

    private FigureBlock() {
    }

    /** Encodes figures in the order given. */
    static byte[] encode(List<Figure> figures) {
        Map<String, Integer> texts = new HashMap<>();
        List<String> table = new ArrayList<>();
        Out body = new Out(figures.size() * 16 + 16);
        for (Figure f : figures) {
            body.varint(index(f.platform(), texts, table));
            body.varint(f.parent() == null ? 0 : index(f.parent(), texts, table) + 1);
            body.varint(index(f.metric(), texts, table));
            body.varint(index(f.precision(), texts, table));
            body.varint(index(f.country(), texts, table));
            body.zigzag(f.period().toEpochDay());
            body.varint(f.fileNo());
            body.varint(f.sheetNo());
            body.varint(f.row());
            BigDecimal v = f.value();
            if (v.scale() == 0 && v.precision() < 19) {
                // whole numbers (most figures: counts) without making the BigInteger of unscaledValue()
                body.zigzag(0);
                body.zigzag(v.longValueExact());
            } else if (Math.abs(v.scale()) < TEXT_VALUE && v.unscaledValue().bitLength() < 64) {
                body.zigzag(v.scale());
                body.zigzag(v.unscaledValue().longValue());
            } else {
                body.zigzag(TEXT_VALUE);
                body.text(v.toString());
            }
        }
        Out out = new Out(body.size() + table.size() * 8 + 16);
        out.varint(FORMAT);
        out.varint(table.size());
        table.forEach(out::text);
        out.varint(figures.size());
        body.writeTo(out);
        return out.toByteArray();
    }

    private static int index(String text, Map<String, Integer> texts, List<String> table) {
        Integer i = texts.get(text);
        if (i == null) {
            i = table.size();
            texts.put(text, i);
            table.add(text);
        }
        return i;
    }

    /**
     * Reads a block's figures one by one. Texts go through {@code shared}, so that equal platforms and
     * countries from different blocks are one String (the pass compares them figure by figure).
     */
    static final class Reader {
        private final byte[] data;
        private int pos;
        private final String[] table;
        private int remaining;
        private LocalDate lastPeriod;

        Reader(byte[] data, Map<String, String> shared) {
            this.data = data;
            int format = (int) varint();
            if (format != FORMAT) {
                throw new IllegalStateException("staged figures in format " + format + ", this version reads "
                        + FORMAT + ": rerun with --force to stage the inputs again");
            }
            table = new String[(int) varint()];
            for (int i = 0; i < table.length; i++) {
                String t = text();
                table[i] = shared == null ? t : shared.computeIfAbsent(t, k -> k);
            }
            remaining = (int) varint();
        }

        int remaining() {
            return remaining;
        }

        /** The next figure, or null after the last. */
        Figure next() {
            if (remaining == 0) {
                return null;
            }
            remaining--;
            String platform = table[(int) varint()];
            int parent = (int) varint();
            String metric = table[(int) varint()];
            String precision = table[(int) varint()];
            String country = table[(int) varint()];
            long day = unzigzag(varint());
            LocalDate period = lastPeriod != null && lastPeriod.toEpochDay() == day ? lastPeriod : LocalDate.ofEpochDay(day);
            lastPeriod = period;
            int fileNo = (int) varint();
            int sheetNo = (int) varint();
            int row = (int) varint();
            int scale = (int) unzigzag(varint());
            BigDecimal value = scale == TEXT_VALUE ? new BigDecimal(text())
                    : BigDecimal.valueOf(unzigzag(varint()), scale);
            return new Figure(platform, parent == 0 ? null : table[parent - 1], metric, period, precision, country,
                    fileNo, sheetNo, row, value);
        }

        private long varint() {
            long v = 0;
            int shift = 0;
            while (true) {
                byte b = data[pos++];
                v |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return v;
                }
                shift += 7;
            }
        }

        private String text() {
            int length = (int) varint();
            String s = new String(data, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /**
     * A growable byte buffer with the two integer forms (not ByteArrayOutputStream: its write is
     * synchronized and checks capacity per byte, a measurable cost at a few bytes per call).
     */
    private static final class Out {
        private byte[] buf;
        private int count;

        Out(int size) {
            buf = new byte[Math.max(16, size)];
        }

        private void room(int n) {
            if (count + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + n));
            }
        }

        void varint(long v) {
            room(10);
            while ((v & ~0x7fL) != 0) {
                buf[count++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            buf[count++] = (byte) v;
        }

        void zigzag(long v) {
            varint((v << 1) ^ (v >> 63));
        }

        void text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            bytes(b, b.length);
        }

        void bytes(byte[] b, int length) {
            room(length);
            System.arraycopy(b, 0, buf, count, length);
            count += length;
        }

        int size() {
            return count;
        }

        void writeTo(Out other) {
            other.bytes(buf, count);
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }
    }
}

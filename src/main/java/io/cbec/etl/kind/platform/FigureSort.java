package io.cbec.etl.kind.platform;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every staged figure of an instance in key order ({@link Figure#KEY_ORDER}), equal keys in the order they
 * were read: a merge of the sorted blocks. At most {@link #FAN_IN} sources are open at once, so memory holds
 * {@code FAN_IN} blocks (about 2 MB) however many figures there are; with more blocks than that, groups of
 * them are first merged into temporary files in {@code tempDir}, as often as needed.
 */
final class FigureSort {

    static final int FAN_IN = 64;
    private static final int FILE_BUFFER = 32 * 1024;

    /** Receives the figures in order. */
    interface Sink {
        void accept(Figure figure) throws SQLException;
    }

    private final FigureStore store;
    private final Path tempDir;
    private final Map<String, String> shared = new HashMap<>();
    private int files;

    private final int fanIn;

    FigureSort(FigureStore store, Path tempDir) {
        this(store, tempDir, FAN_IN);
    }

    /** With a smaller fan-in, so that tests reach the merge's levels with few blocks. */
    FigureSort(FigureStore store, Path tempDir, int fanIn) {
        this.store = store;
        this.tempDir = tempDir;
        this.fanIn = fanIn;
    }

    /** Sends every figure of the instance to {@code sink}, in order. Temporary files are gone when it returns. */
    void run(long id, Sink sink) throws SQLException {
        try {
            clearTempDir();
            List<FigureStore.BlockKey> keys = store.blocks(id);
            if (keys.size() <= fanIn) {
                merge(keys.stream().map(k -> (Source) new BlockSource(store, id, k, shared)).toList(), sink);
                return;
            }
            List<Path> runs = new ArrayList<>();
            for (int from = 0; from < keys.size(); from += fanIn) {
                List<Source> group = keys.subList(from, Math.min(keys.size(), from + fanIn)).stream()
                        .map(k -> (Source) new BlockSource(store, id, k, shared)).toList();
                runs.add(mergeToFile(group));
            }
            while (runs.size() > fanIn) {
                List<Path> next = new ArrayList<>();
                for (int from = 0; from < runs.size(); from += fanIn) {
                    List<Path> group = runs.subList(from, Math.min(runs.size(), from + fanIn));
                    next.add(mergeToFile(open(group)));
                    for (Path p : group) {
                        Files.delete(p);
                    }
                }
                runs = next;
            }
            merge(open(runs), sink);
        } catch (IOException e) {
            throw new UncheckedIOException("sorting the staged figures in " + tempDir + ": " + e.getMessage()
                    + " (check the free space of the state folder)", e);
        } finally {
            try {
                clearTempDir();
            } catch (IOException ignored) {
                // the next run clears it first
            }
        }
    }

    private List<Source> open(List<Path> runs) throws IOException {
        List<Source> sources = new ArrayList<>();
        for (Path p : runs) {
            sources.add(new FileSource(p, shared));
        }
        return sources;
    }

    private Path mergeToFile(List<Source> group) throws IOException, SQLException {
        Files.createDirectories(tempDir);
        Path file = tempDir.resolve("run-" + (++files) + ".bin");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), FILE_BUFFER))) {
            List<Figure> block = new ArrayList<>(FigureStore.BLOCK_FIGURES);
            merge(group, f -> {
                block.add(f);
                if (block.size() == FigureStore.BLOCK_FIGURES) {
                    writeBlock(out, block);
                }
            });
            if (!block.isEmpty()) {
                writeBlock(out, block);
            }
        }
        return file;
    }

    private static void writeBlock(DataOutputStream out, List<Figure> block) {
        byte[] data = FigureBlock.encode(block);
        try {
            out.writeInt(data.length);
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        block.clear();
    }

    /**
     * A k-way merge: the smallest key first, the earlier source on equal keys (sources come in ingest order).
     * The heap is kept by hand so that taking a figure is one sift-down of its source from the top (for
     * figures that come in runs from one source, two comparisons), where PriorityQueue's poll and add sift
     * twice, through comparators composed of lambdas.
     */
    private static void merge(List<Source> sources, Sink sink) throws IOException, SQLException {
        try {
            Source[] heap = new Source[sources.size()];
            int size = 0;
            int order = 0;
            for (Source s : sources) {
                s.order = order++;
                if (s.advance()) {
                    heap[size++] = s;
                }
            }
            for (int i = size / 2 - 1; i >= 0; i--) {
                siftDown(heap, size, i);
            }
            while (size > 0) {
                Source s = heap[0];
                sink.accept(s.current);
                if (!s.advance()) {
                    heap[0] = heap[--size];
                    heap[size] = null;
                }
                siftDown(heap, size, 0);
            }
        } finally {
            for (Source s : sources) {
                s.close();
            }
        }
    }

    private static void siftDown(Source[] heap, int size, int i) {
        Source s = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Source c = heap[child];
            int right = child + 1;
            if (right < size && before(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!before(c, s)) {
                break;
            }
            heap[i] = c;
            i = child;
        }
        heap[i] = s;
    }

    /** Whether {@code a}'s figure comes first: by key, then by source. */
    private static boolean before(Source a, Source b) {
        int c = Figure.KEY_ORDER.compare(a.current, b.current);
        return c < 0 || (c == 0 && a.order < b.order);
    }

    /** Removes the folder of temporary runs, and whatever a killed run left in it. */
    private void clearTempDir() throws IOException {
        if (Files.isDirectory(tempDir)) {
            try (Stream<Path> old = Files.list(tempDir)) {
                for (Path p : (Iterable<Path>) old::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(tempDir);
        }
    }

    /** A sorted run of figures being merged. */
    private abstract static class Source {
        Figure current;
        int order;

        /** Moves to the next figure; false at the end. */
        abstract boolean advance() throws IOException;

        void close() throws IOException {
        }
    }

    /** One staged block, read from H2 when the merge first asks for it. */
    private static final class BlockSource extends Source {
        private final FigureStore store;
        private final long id;
        private final FigureStore.BlockKey key;
        private final Map<String, String> shared;
        private FigureBlock.Reader reader;

        BlockSource(FigureStore store, long id, FigureStore.BlockKey key, Map<String, String> shared) {
            this.store = store;
            this.id = id;
            this.key = key;
            this.shared = shared;
        }

        @Override
        boolean advance() {
            if (reader == null) {
                reader = new FigureBlock.Reader(store.read(id, key), shared);
            }
            current = reader.next();
            if (current == null) {
                reader = null;
                return false;
            }
            return true;
        }
    }

    /** A temporary file of blocks, each preceded by its length. */
    private static final class FileSource extends Source {
        private final DataInputStream in;
        private final Map<String, String> shared;
        private FigureBlock.Reader reader;

        FileSource(Path file, Map<String, String> shared) throws IOException {
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), FILE_BUFFER));
            this.shared = shared;
        }

        @Override
        boolean advance() throws IOException {
            while (reader == null || (current = reader.next()) == null) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException end) {
                    current = null;
                    return false;
                }
                byte[] data = new byte[length];
                in.readFully(data);
                reader = new FigureBlock.Reader(data, shared);
            }
            return true;
        }

        @Override
        void close() throws IOException {
            in.close();
        }
    }
}

package io.cbec.etl.bench;

import io.cbec.etl.CbecEtlApplication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs the whole job once, in this JVM, on one input file in a fresh input/output/state folder, and
 * prints "JOB nanos exitCode", the heap line and "LIVE bytes fullGcs": the live heap measured for real,
 * as heap in use right after a forced full collection (System.gc(), a stop-the-world full GC under G1 and
 * Serial alike), taken every LIVE_EVERY_MS by a daemon thread; the peak over the run. Each forced GC
 * costs tens of milliseconds, a few percent of a run. java -Xmx256m ... JobBenchmark WORKDIR INPUTFILE...
 */
public final class JobBenchmark {

    /** -Dbench.live-every-ms=N samples more often, to catch a short peak (each sample is a full GC). */
    private static final long LIVE_EVERY_MS = Long.getLong("bench.live-every-ms", 2000);

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        deleteTree(work);
        Path in = Files.createDirectories(work.resolve("input"));
        for (int i = 1; i < args.length; i++) { // several files: more rows than one sheet holds
            Path input = Path.of(args[i]);
            Files.copy(input, in.resolve(input.getFileName()));
        }
        System.setProperty("cbec.input.settle-time", "0s");
        HeapWatch heap = HeapWatch.start();
        LiveHeapSampler live = LiveHeapSampler.start(LIVE_EVERY_MS);
        long start = System.nanoTime();
        int exit = CbecEtlApplication.run("--input=" + in, "--output=" + work.resolve("output"),
                "--state-dir=" + work.resolve("state"), "--report-date=2024-12-31");
        long nanos = System.nanoTime() - start;
        System.out.println("JOB " + nanos + " " + exit);
        live.stop();
        System.out.println("HEAP " + heap.peakAfterGc() + " " + heap.peakUsed());
        System.out.println("LIVE " + live.peak() + " " + live.samples());
        Files.writeString(work.resolve("live-heap-peak.txt"), live.peakDetail()); // where the peak was
        System.exit(0);
    }

    static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

package io.cbec.etl.bench;

import io.cbec.etl.CbecEtlApplication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs the whole job once, in this JVM, on one input file in a fresh input/output/state folder, and
 * prints "JOB nanos exitCode" and the heap line. java -Xmx256m ... JobBenchmark WORKDIR INPUTFILE
 */
public final class JobBenchmark {

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path input = Path.of(args[1]);
        deleteTree(work);
        Path in = Files.createDirectories(work.resolve("input"));
        Files.copy(input, in.resolve(input.getFileName()));
        System.setProperty("cbec.input.settle-time", "0s");
        HeapWatch heap = HeapWatch.start();
        long start = System.nanoTime();
        int exit = CbecEtlApplication.run("--input=" + in, "--output=" + work.resolve("output"),
                "--state-dir=" + work.resolve("state"), "--report-date=2024-12-31");
        long nanos = System.nanoTime() - start;
        System.out.println("JOB " + nanos + " " + exit);
        System.out.println("HEAP " + heap.peakAfterGc() + " " + heap.peakUsed());
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

package io.cbec.etl.bench;

import io.cbec.etl.CbecEtlApplication;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the whole job several times in one JVM: first untimed on a warm-up file, then timed on the input,
 * each run in fresh input/output/state folders; prints "WARM nanos exitCode" and "JOB nanos exitCode" per
 * run. What it measures is the job's own work once the JIT compiler has compiled it, the figure the
 * reading contenders are measured by too (after a warm-up); a cron run pays the warm-up on top, which the
 * bin/cbec-etl column measures. java -Xmx256m ... WarmJobBenchmark WORK WARMUPFILE WARMUPS RUNS INPUTFILE
 */
public final class WarmJobBenchmark {

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path warmUp = Path.of(args[1]);
        int warmUps = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        Path input = Path.of(args[4]);
        System.setProperty("cbec.input.settle-time", "0s");
        for (int i = 0; i < warmUps + runs; i++) {
            boolean warming = i < warmUps;
            long[] run = run(work.resolve("run-" + i), warming ? warmUp : input);
            System.out.println((warming ? "WARM " : "JOB ") + run[0] + " " + run[1]);
        }
        System.exit(0);
    }

    /** One run in fresh folders under WORK; answers {nanos, exit code}. */
    private static long[] run(Path work, Path file) throws Exception {
        JobBenchmark.deleteTree(work);
        Path in = Files.createDirectories(work.resolve("input"));
        Files.copy(file, in.resolve(file.getFileName()));
        long start = System.nanoTime();
        int exit = CbecEtlApplication.run("--input=" + in, "--output=" + work.resolve("output"),
                "--state-dir=" + work.resolve("state"), "--report-date=2024-12-31");
        long nanos = System.nanoTime() - start;
        JobBenchmark.deleteTree(work); // a million rows' state and report: not kept for the next run
        return new long[] {nanos, exit};
    }
}

package io.cbec.etl.bench;

import io.cbec.etl.CbecEtlApplication;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the whole job several times in one JVM: first untimed on a warm-up file, then untimed on the input
 * until the JIT compiler is quiet, then timed on the input; each run in fresh input/output/state folders.
 * Prints "WARM nanos exitCode compilerMillis" per untimed run and "JOB nanos exitCode compilerMillis" per
 * timed run. What it measures is the job's own work once the JIT compiler has compiled it, the figure the
 * reading contenders are measured by too (after a warm-up); a cron run pays the warm-up on top, which the
 * bin/cbec-etl column measures.
 *
 * <p>Why warm up on the input itself: code run once per chunk or per sheet (H2's commit, the report's
 * sheets) reaches the compiler's thresholds only after several million-row runs; with warm-ups on a small
 * file only, the compiler still took half a core through the third timed run. "Quiet" is a run in which
 * the compilers' time is under {@value #QUIET_SHARE_PERCENT}% of the run's; at most
 * {@value #MAX_INPUT_WARM_UPS} such runs. java -Xmx256m ... WarmJobBenchmark WORK WARMUPFILE WARMUPS RUNS
 * INPUTFILE
 */
public final class WarmJobBenchmark {

    static final int QUIET_SHARE_PERCENT = 15;
    static final int MAX_INPUT_WARM_UPS = 6;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path warmUp = Path.of(args[1]);
        int warmUps = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        Path input = Path.of(args[4]);
        System.setProperty("cbec.input.settle-time", "0s");
        int n = 0;
        for (int i = 0; i < warmUps; i++) {
            print("WARM", run(work.resolve("run-" + n++), warmUp));
        }
        for (int i = 0; i < MAX_INPUT_WARM_UPS; i++) {
            long[] run = run(work.resolve("run-" + n++), input);
            print("WARM", run);
            if (run[2] * 1_000_000L * 100 < run[0] * QUIET_SHARE_PERCENT) {
                break;
            }
        }
        for (int i = 0; i < runs; i++) {
            print("JOB", run(work.resolve("run-" + n++), input));
        }
        System.exit(0);
    }

    private static void print(String label, long[] run) {
        System.out.println(label + " " + run[0] + " " + run[1] + " " + run[2]);
    }

    /** One run in fresh folders under WORK; answers {nanos, exit code, the JIT compilers' milliseconds}. */
    private static long[] run(Path work, Path file) throws Exception {
        JobBenchmark.deleteTree(work);
        Path in = Files.createDirectories(work.resolve("input"));
        Files.copy(file, in.resolve(file.getFileName()));
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        long compiled = compiler.getTotalCompilationTime();
        long start = System.nanoTime();
        int exit = CbecEtlApplication.run("--input=" + in, "--output=" + work.resolve("output"),
                "--state-dir=" + work.resolve("state"), "--report-date=2024-12-31");
        long nanos = System.nanoTime() - start;
        JobBenchmark.deleteTree(work); // a million rows' state and report: not kept for the next run
        return new long[] {nanos, exit, compiler.getTotalCompilationTime() - compiled};
    }
}

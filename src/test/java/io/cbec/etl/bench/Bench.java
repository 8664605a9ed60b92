package io.cbec.etl.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's benchmark (README, "Benchmark"). It generates its inputs, runs every contender in child
 * JVMs with -Xmx256m (as production runs), and prints Markdown tables:
 * <ul>
 *   <li>reading an app-analytics .xlsx of N rows x 8 columns: the floor (unzip + a no-op Aalto pass),
 *       unzip only, JDK SAX no-op, POI's XSSF event API, fastexcel-reader and this project's reader;
 *       rows/s, MB/s of sheet XML, ratio to the floor (best of RUNS interleaved runs after a warm-up)
 *       and peak heap (a separate child per contender);</li>
 *   <li>writing N rows x 4 columns through the report writer;</li>
 *   <li>staging: H2 file-mode batch inserts at several batch (= chunk) sizes;</li>
 *   <li>the whole job on a daily app-analytics export of about N rows (platform-metrics kind): once in a fresh
 *       child JVM (cold), RUNS times in a child JVM warmed up by earlier runs (warm), and as a whole process
 *       through bin/cbec-etl (the jar must be built: the verify phase has it).</li>
 * </ul>
 * Arguments (all optional): {@code --dir=target/bench --sizes=200000,1000000 --runs=3
 * --sections=read,write,stage,job --job-sizes=100000,1000000 --live-every-ms=2000} (the whole job's live-heap
 * sampling: 100 catches the report step's short peak, at the cost of a full GC every 100 ms).
 */
public final class Bench {

    private static final String HEAP = "-Xmx256m";
    /** The whole job runs with the collector bin/cbec-etl picks, as a cron run does. */
    private static final String JOB_GC = "-XX:+UseSerialGC";
    /**
     * For the run whose live heap is measured: the serial collector's full GC leaves up to 5% of the old generation
     * uncompacted as dead "wood" (filler int[]s in a class histogram), which the sampler counted as live: 3 MB of
     * the 34 MB it read at 100k rows. Zero makes each full GC compact it all, so the peak is the live set.
     */
    private static final String NO_DEAD_WOOD = "-XX:MarkSweepDeadRatio=0";
    /** Untimed runs on the 100,000-row export before the warm JVM's timed runs. */
    private static final int WARM_UPS = 2;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("dir", "target/bench", "sizes", "200000,1000000",
                "runs", "3", "sections", "read,write,stage,job", "job-sizes", "100000,1000000",
                "write-rows", "1000000", "stage-rows", "1000000", "live-every-ms", "2000"));
        // Maven passes -Dbench.args as one argument: split it on spaces
        for (String arg : String.join(" ", args).trim().split("\\s+")) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) {
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
        Path dir = Path.of(options.get("dir"));
        int runs = Integer.parseInt(options.get("runs"));
        List<String> sections = List.of(options.get("sections").split(","));
        System.out.println("# cbec-etl benchmark, " + LocalDate.now() + "\n");
        System.out.println("Child JVMs: " + HEAP + ", " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + "; " + Runtime.getRuntime().availableProcessors()
                + " CPUs. Best of " + runs + " timed runs after a warm-up. Peak live heap: the largest heap in"
                + " use just after a GC; peak heap touched: the sum of the heap pools' peaks, garbage included.\n");
        if (sections.contains("read")) {
            for (String size : options.get("sizes").split(",")) {
                read(dir, Integer.parseInt(size), runs);
            }
        }
        if (sections.contains("write")) {
            write(dir, Integer.parseInt(options.get("write-rows")), runs);
        }
        if (sections.contains("stage")) {
            stage(dir, Integer.parseInt(options.get("stage-rows")));
        }
        if (sections.contains("job")) {
            job(dir, options.get("job-sizes").split(","), Long.parseLong(options.get("live-every-ms")), runs);
        }
    }

    private static void read(Path dir, int rows, int runs) throws Exception {
        Path file = BenchInputs.appAnalyticsXlsx(dir, rows);
        long xmlBytes = BenchInputs.sheetXmlBytes(file);
        Map<String, Long> best = new LinkedHashMap<>();
        for (String line : child("io.cbec.etl.bench.ReadContenders", "all", file.toString(), Integer.toString(runs))) {
            if (line.startsWith("TIME\t")) {
                String[] f = line.split("\t");
                best.merge(f[1], Long.parseLong(f[2]), Math::min);
            }
        }
        System.out.printf("## Reading %,d rows x 8 columns (.xlsx %.1f MB, sheet XML %.1f MB)%n%n", rows,
                Files.size(file) / 1e6, xmlBytes / 1e6);
        System.out.println("| contender | rows/s | MB/s of sheet XML | ratio to floor | peak live heap | peak heap touched |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        double floor = xmlBytes / 1e6 / (best.get("floor: unzip + Aalto no-op") / 1e9);
        for (var entry : best.entrySet()) {
            long[] heap = heap(child("io.cbec.etl.bench.ReadContenders", entry.getKey(), file.toString(), "1"));
            double seconds = entry.getValue() / 1e9;
            double mbps = xmlBytes / 1e6 / seconds;
            System.out.printf("| %s | %,.0f | %.1f | %.2f | %s | %s |%n", entry.getKey(), rows / seconds, mbps,
                    mbps / floor, mb(heap[0]), mb(heap[1]));
        }
        System.out.println();
    }

    private static void write(Path dir, int rows, int runs) throws Exception {
        List<String> out = child("io.cbec.etl.bench.WriteBenchmark", dir.resolve("write").toString(),
                Integer.toString(rows), Integer.toString(runs));
        long bestNanos = Long.MAX_VALUE;
        long bytes = 0;
        for (String line : out) {
            if (line.startsWith("RUN ")) {
                String[] f = line.split(" ");
                bestNanos = Math.min(bestNanos, Long.parseLong(f[1]));
                bytes = Long.parseLong(f[2]);
            }
        }
        long[] heap = heap(out);
        System.out.printf("## Writing %,d rows x 4 columns through report/ListSheet (SXSSF)%n%n", rows);
        System.out.println("| rows/s | seconds | file | peak live heap | peak heap touched |");
        System.out.println("|---:|---:|---:|---:|---:|");
        System.out.printf("| %,.0f | %.1f | %.1f MB | %s | %s |%n%n", rows / (bestNanos / 1e9), bestNanos / 1e9,
                bytes / 1e6, mb(heap[0]), mb(heap[1]));
    }

    private static void stage(Path dir, int rows) throws Exception {
        List<String> out = child("io.cbec.etl.bench.StagingBenchmark", dir.resolve("stage").toString(),
                Integer.toString(rows), "100", "500", "1000", "2000", "5000", "10000");
        System.out.printf("## Staging %,d rows into H2 (file mode), one commit per batch%n%n", rows);
        System.out.println("| batch = chunk size | rows/s |");
        System.out.println("|---:|---:|");
        for (String line : out) {
            if (line.startsWith("BATCH ")) {
                String[] f = line.split(" ");
                System.out.printf("| %s | %,.0f |%n", f[1], rows / (Long.parseLong(f[2]) / 1e9));
            }
        }
        System.out.println();
    }

    private static void job(Path dir, String[] sizes, long liveEveryMs, int runs) throws Exception {
        System.out.println("## Whole job (inventory, ingest, validate, report) on a daily app-analytics export\n");
        System.out.println("Date, App, Country, iOS Downloads, Android Downloads: 8 apps x 40 countries a day plus a"
                + " Worldwide row per app and day that equals its countries, so every check passes and the report is"
                + " published (exit 0). The job's JVM runs with " + JOB_GC + ", the collector bin/cbec-etl picks."
                + " Peak live heap: heap in use right after a forced full GC, every " + liveEveryMs + " ms and at the"
                + " end (LiveHeapSampler; in that run " + NO_DEAD_WOOD + ", so that a full GC leaves no garbage"
                + " uncompacted); after-GC peak: old/survivor pools after any GC (HeapWatch, counts"
                + " uncollected garbage).\n");
        System.out.println("Three ways of timing the same job. *Cold*: one run in a fresh JVM, timed inside it, start-up of"
                + " Spring's context included (its heap columns are measured in that run). *Warm*: in one JVM, " + WARM_UPS
                + " untimed runs on the 100,000-row export, then untimed runs on the input until the JIT compilers take"
                + " under " + WarmJobBenchmark.QUIET_SHARE_PERCENT + "% of a run (at most "
                + WarmJobBenchmark.MAX_INPUT_WARM_UPS + "; the warm-ups column counts them), then " + runs
                + " timed runs (best and median shown), each in fresh folders, context start-up included: the job's own"
                + " work once the JIT compiler has compiled it, as the reading contenders are measured. *bin/cbec-etl*: the whole process as cron runs it, with"
                + " `CBEC_ETL_JAVA_OPTS=" + HEAP + "` (JVM start and the JIT's warm-up included, its class cache prepared"
                + " beforehand by an untimed run on an empty folder).\n");
        System.out.println("| rows | cold, seconds | cold, rows/s | exit code | peak live heap (full GC) | after-GC peak"
                + " | peak heap touched | warm-ups on the input | warm, seconds (best; median) | warm, rows/s (best)"
                + " | bin/cbec-etl, seconds | bin/cbec-etl, rows/s |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Path cache = dir.resolve("launcher-cache");
        launcher(cache, Files.createDirectories(dir.resolve("launcher-empty")), dir.resolve("launcher-warm-up"));
        for (String size : sizes) {
            int rows = Integer.parseInt(size);
            Path input = BenchInputs.appExportXlsx(dir, rows);
            List<String> out = child(List.of(HEAP, JOB_GC, NO_DEAD_WOOD, "-Dbench.live-every-ms=" + liveEveryMs),
                    "io.cbec.etl.bench.JobBenchmark",
                    dir.resolve("job-" + rows).toString(), input.toString());
            long nanos = 0;
            String exit = "?";
            long live = -1;
            for (String line : out) {
                if (line.startsWith("JOB ")) {
                    String[] f = line.split(" ");
                    nanos = Long.parseLong(f[1]);
                    exit = f[2];
                } else if (line.startsWith("LIVE ")) {
                    live = Long.parseLong(line.split(" ")[1]);
                }
            }
            long[] heap = heap(out);
            List<Long> warmRuns = new ArrayList<>();
            int inputWarmUps = -WARM_UPS;
            for (String line : child(List.of(HEAP, JOB_GC), "io.cbec.etl.bench.WarmJobBenchmark",
                    dir.resolve("warm-" + rows).toString(), BenchInputs.appExportXlsx(dir, 100_000).toString(),
                    Integer.toString(WARM_UPS), Integer.toString(runs), input.toString())) {
                String[] f = line.split(" ");
                if (f[0].equals("WARM")) {
                    inputWarmUps++;
                } else if (f[0].equals("JOB") && f[2].equals("0")) {
                    warmRuns.add(Long.parseLong(f[1]));
                }
            }
            Collections.sort(warmRuns);
            long warm = warmRuns.isEmpty() ? Long.MAX_VALUE : warmRuns.get(0);
            long warmMedian = warmRuns.isEmpty() ? Long.MAX_VALUE : warmRuns.get(warmRuns.size() / 2);
            Path launcherIn = Files.createDirectories(dir.resolve("launcher-" + rows).resolve("input"));
            Files.copy(input, launcherIn.resolve(input.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            long[] process = launcher(cache, launcherIn, dir.resolve("launcher-" + rows));
            System.out.printf("| %,d | %.1f | %,.0f | %s | %s | %s | %s | %d | %.1f; %.1f | %,.0f | %.1f (exit %d) | %,.0f |%n",
                    rows, nanos / 1e9, rows / (nanos / 1e9), exit, mb(live), mb(heap[0]), mb(heap[1]), inputWarmUps,
                    warm / 1e9, warmMedian / 1e9, rows / (warm / 1e9), process[0] / 1e9, process[1],
                    rows / (process[0] / 1e9));
        }
        System.out.println();
    }

    /**
     * Runs bin/cbec-etl on INPUT into a fresh WORK folder, as cron would; answers {wall nanos, exit code}.
     * The run's own log goes to WORK/run.log.
     */
    private static long[] launcher(Path cache, Path input, Path work) throws Exception {
        JobBenchmark.deleteTree(work.resolve("output"));
        JobBenchmark.deleteTree(work.resolve("state"));
        Files.createDirectories(work);
        ProcessBuilder builder = new ProcessBuilder(Path.of("bin", "cbec-etl").toAbsolutePath().toString(),
                "--input=" + input, "--output=" + work.resolve("output"), "--state-dir=" + work.resolve("state"),
                "--report-date=2024-12-31")
                .redirectErrorStream(true).redirectOutput(work.resolve("run.log").toFile());
        builder.environment().put("CBEC_ETL_CACHE", cache.toAbsolutePath().toString());
        builder.environment().put("CBEC_ETL_JAVA_OPTS", HEAP + " -Dcbec.input.settle-time=0s");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        return new long[] {System.nanoTime() - start, exit};
    }

    private static long[] heap(List<String> out) {
        for (String line : out) {
            if (line.startsWith("HEAP ")) {
                String[] f = line.split(" ");
                return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])};
            }
        }
        return new long[] {-1, -1};
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "?" : String.format("%.1f MB", bytes / 1e6);
    }

    /** Runs a main class in a child JVM on this classpath; answers its standard output lines. */
    private static List<String> child(String mainClass, String... args) throws Exception {
        return child(List.of(HEAP), mainClass, args);
    }

    private static List<String> child(List<String> jvmOptions, String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(mainClass + " " + String.join(" ", args) + " exited with " + exit);
        }
        return lines;
    }
}

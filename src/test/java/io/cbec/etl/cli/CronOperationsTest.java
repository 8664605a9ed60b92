package io.cbec.etl.cli;

import io.cbec.etl.fixtures.PublishedWorkbook;
import io.cbec.etl.fixtures.ReferenceZones;
import io.cbec.etl.fixtures.RegistryWorkbook;
import io.cbec.etl.fixtures.SampleInputGenerator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guarantees of docs/operations.md proven on the real process: each test runs the entry point in a
 * separate JVM (the test classpath, as the jar does not exist yet when surefire runs), kills it, races it,
 * stops it, makes its report step fail, and then reads what a user would see: exit codes, the log cron
 * mails, the published workbooks, and the job repository in the H2 file.
 */
class CronOperationsTest {

    private static final String DATE = "2024-01-31";
    /** Where the registry tests' ingest spends its seconds: the app export read before registry.csv (see bigInput). */
    private static final String PROGRESS = "ingest: [0-9]+ rows \\([0-9]+ rows/s\\), now at export.csv!export row";
    /** The inventory's line for the export: the job is running, and the export's ingest is still to come. */
    private static final String EXPORT_CLASSIFIED = "export\\.csv!export: .*\\(header on row";
    private static final Pattern RESUMED_AFTER = Pattern.compile("ingest: resuming after (\\d+) row");

    @TempDir
    Path dir;

    @Test
    void aRunKilledMidIngestIsRecoveredAndPublishesWhatACleanRunPublishes() throws Exception {
        Path input = bigInput(dir.resolve("input"));
        Run clean = Run.start(input, dir.resolve("clean"));
        killMidIngest(input, dir.resolve("killed"));
        assertThat(query(dir.resolve("killed"), "SELECT STATUS FROM BATCH_JOB_EXECUTION")).containsExactly("STARTED");
        assertThat(query(dir.resolve("killed"), "SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'ingest'"))
                .containsExactly("STARTED");

        Run rerun = Run.start(input, dir.resolve("killed"));
        assertThat(rerun.await()).isZero();
        assertThat(rerun.output()).contains("STALE RUN: execution").contains("marking it FAILED and resuming it");
        Matcher resumed = RESUMED_AFTER.matcher(rerun.output());
        assertThat(resumed.find()).as("the ingest resumed from its last committed chunk:\n" + rerun.output()).isTrue();
        assertThat(Long.parseLong(resumed.group(1))).isPositive().isLessThan(EXPORT_ROWS);
        // recover() marked both the dead execution and its dead ingest step FAILED; the rerun completed
        assertThat(query(dir.resolve("killed"), "SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID"))
                .containsExactly("FAILED", "COMPLETED");
        assertThat(query(dir.resolve("killed"),
                "SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'ingest' ORDER BY STEP_EXECUTION_ID"))
                .containsExactly("FAILED", "COMPLETED");
        assertThat(query(dir.resolve("killed"), "SELECT COUNT(*) FROM zone_entry")).containsExactly("165");

        assertThat(clean.await()).isZero();
        assertSameCells(dir.resolve("clean/cbec-report-" + DATE + ".xlsx"), dir.resolve("killed/cbec-report-" + DATE + ".xlsx"));
        assertSameCells(dir.resolve("clean/cbec-data-quality-" + DATE + ".xlsx"),
                dir.resolve("killed/cbec-data-quality-" + DATE + ".xlsx"));
        PublishedWorkbook report = new PublishedWorkbook(dir.resolve("killed/cbec-report-" + DATE + ".xlsx"));
        assertThat(report.summary("Active pilot zones")).isEqualTo("165");
        PublishedWorkbook dataQuality = new PublishedWorkbook(dir.resolve("killed/cbec-data-quality-" + DATE + ".xlsx"));
        assertThat(dataQuality.rowWhere("Files", 0, "export.csv").orElseThrow().get(4))
                .isEqualTo(String.format("%,d", EXPORT_ROWS));
        assertThat(dataQuality.rowWhere("Files", 0, "registry.csv").orElseThrow().get(4)).isEqualTo("166");
    }

    /**
     * The same for an app-analytics export, whose figures are staged as sorted blocks per chunk: the blocks of
     * the chunks committed before the kill are kept, the rest staged by the rerun, each figure once. The rerun
     * has keep-days 0: housekeeping at its start must not purge the killed instance it comes to resume.
     */
    @Test
    void anAppExportKilledMidIngestIsRecoveredWithEveryFigureStagedOnceEvenWithKeepDaysZero() throws Exception {
        Path input = exportInput(dir.resolve("input"));
        Run clean = Run.start(input, dir.resolve("clean"));
        killMidIngest(input, dir.resolve("killed"));

        Run rerun = Run.start(input, dir.resolve("killed"), "-Dcbec.state.keep-days=0");
        assertThat(rerun.await()).as(rerun.output()).isZero();
        assertThat(rerun.output()).doesNotContain("Housekeeping: forgot");
        Matcher resumed = RESUMED_AFTER.matcher(rerun.output());
        assertThat(resumed.find()).as("the ingest resumed from its last committed chunk:\n" + rerun.output()).isTrue();
        assertThat(Long.parseLong(resumed.group(1))).isPositive().isLessThan(EXPORT_DAYS * 2L * 41);
        assertThat(query(dir.resolve("killed"), "SELECT SUM(figures) FROM platform_figure_block"))
                .containsExactly(Long.toString(EXPORT_DAYS * 2L * 40));

        assertThat(clean.await()).isZero();
        assertSameCells(dir.resolve("clean/cbec-report-" + DATE + ".xlsx"), dir.resolve("killed/cbec-report-" + DATE + ".xlsx"));
        assertSameCells(dir.resolve("clean/cbec-data-quality-" + DATE + ".xlsx"),
                dir.resolve("killed/cbec-data-quality-" + DATE + ".xlsx"));
        assertThat(new PublishedWorkbook(dir.resolve("killed/cbec-data-quality-" + DATE + ".xlsx"))
                .rowWhere("Checks", 1, "platform metrics").orElseThrow())
                .as("Country counted once")
                .contains("PASS", String.format(Locale.ROOT, "%,d figures", EXPORT_DAYS * 2L * 40));
    }

    @Test
    void aSecondRunExits75NamingTheHolderAndSigtermStopsAtAChunkBoundaryThenTheNextRunResumes() throws Exception {
        Path input = bigInput(dir.resolve("input"));
        Path output = dir.resolve("output");
        Run first = Run.start(input, output);
        first.awaitOutput(PROGRESS, Duration.ofSeconds(120));

        Instant raced = Instant.now();
        Run second = Run.start(input, output);
        assertThat(second.await()).isEqualTo(75);
        assertThat(second.output()).contains("another run holds the lock")
                .contains("pid " + first.process.pid() + " since ");
        System.out.printf("second run refused in %d ms (JVM start included)%n", Duration.between(raced, Instant.now()).toMillis());
        assertThat(first.process.isAlive()).isTrue();

        // the signal follows a progress line logged after the second run, so that it lands in ingest
        first.awaitOutputAfter(first.output().length(), PROGRESS, Duration.ofSeconds(120));
        Instant term = Instant.now();
        first.process.destroy(); // SIGTERM
        int stoppedWith = first.await();
        assertThat(stoppedWith).as("exit code after SIGTERM; the run's output:%n%s", first.output()).isEqualTo(75);
        System.out.printf("stopped %d ms after SIGTERM%n", Duration.between(term, Instant.now()).toMillis());
        assertThat(first.output()).contains("Stop requested (SIGTERM)").contains("Stopped on request at a chunk boundary")
                .contains("Run summary:").contains("exit code  75");
        // A failure prints the executions as stored, the output folder and the run's output: that is how a stop
        // that landed after ingest (the step COMPLETED, validate STOPPED: correct, but not what this tests) was told.
        String stopped = describeStoppedRun(output, first);
        assertThat(query(output, "SELECT STATUS FROM BATCH_JOB_EXECUTION")).as(stopped).containsExactly("STOPPED");
        assertThat(query(output, "SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'ingest'")).as(stopped)
                .containsExactly("STOPPED");
        long committed = Long.parseLong(query(output,
                "SELECT SUM(rows_read) FROM source_sheet").get(0));
        assertThat(committed % 1000).as("rows staged are whole chunks of 1000").isZero();
        assertThat(Path.of(output + "/cbec-report-" + DATE + ".xlsx")).doesNotExist();

        Run resume = Run.start(input, output);
        assertThat(resume.await()).isZero();
        assertThat(resume.output()).contains("Resuming execution").contains("which ended STOPPED")
                .contains("ingest: resuming after " + committed + " row(s)");
        assertThat(query(output, "SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'ingest' ORDER BY STEP_EXECUTION_ID"))
                .containsExactly("STOPPED", "COMPLETED");
        PublishedWorkbook report = new PublishedWorkbook(output.resolve("cbec-report-" + DATE + ".xlsx"));
        assertThat(report.summary("Active pilot zones")).isEqualTo("165");
        PublishedWorkbook dataQuality = new PublishedWorkbook(output.resolve("cbec-data-quality-" + DATE + ".xlsx"));
        assertThat(dataQuality.rowWhere("Files", 0, "export.csv").orElseThrow().get(4))
                .isEqualTo(String.format("%,d", EXPORT_ROWS));
        assertThat(dataQuality.rowWhere("Files", 0, "registry.csv").orElseThrow().get(4)).isEqualTo("166");
    }

    /**
     * Every long step says where it is at the progress interval: a resumed ingest that it is skipping what an
     * earlier execution staged (not "ingest: 1 rows", as if it had started again), validate and report too.
     */
    @Test
    void aResumedIngestSaysItIsSkippingAndValidateAndReportLogTheirProgress() throws Exception {
        Path input = bigInput(dir.resolve("input"));
        killMidIngest(input, dir.resolve("output"));

        Run rerun = Run.start(input, dir.resolve("output"), "-Dcbec.progress-interval=1ms");

        assertThat(rerun.await()).as(rerun.output()).isZero();
        Matcher resumed = RESUMED_AFTER.matcher(rerun.output());
        assertThat(resumed.find()).isTrue();
        String output = rerun.output();
        assertThat(output).containsPattern("ingest: skipping: row [0-9]+ of " + resumed.group(1)
                        + " staged by an earlier execution, now at export.csv!export row [0-9]+")
                .containsPattern("validate: [0-9]+ s, [0-9,]+ check\\(s\\) so far, now at ")
                .containsPattern("report: [0-9]+ s, cbec-(report|data-quality)-" + DATE
                        + ".xlsx: (sheet [A-Za-z ]+, [0-9,]+ rows written|saving the file)");
        assertThat(output.substring(resumed.start()).lines().skip(1).filter(l -> l.contains("ingest: ")).findFirst())
                .as("the first progress line after resuming").hasValueSatisfying(l -> assertThat(l).contains("skipping"));
    }

    /** Ctrl-C and a hang-up stop the run as SIGTERM does, and the log names the signal that came. */
    @Test
    void sigintAndSighupAreNamedAndASignalBeforeTheJobStartsIsLoggedLikeEveryOtherLine() throws Exception {
        Path input = bigInput(dir.resolve("input"));
        List<String> signalsDefault = withDefaultIntAndHup();
        Run interrupted = Run.start(signalsDefault, null, input, dir.resolve("int"));
        // As soon as the job has classified the export, seconds before its ingest ends: a signal sent on the first
        // progress line could land after the ingest on a loaded machine, and a report already being written is
        // finished, not stopped (exit 0).
        interrupted.awaitOutput(EXPORT_CLASSIFIED, Duration.ofSeconds(120));
        signal("INT", interrupted.process);
        assertThat(interrupted.await()).isEqualTo(75);
        assertThat(interrupted.output()).contains("Stop requested (SIGINT): stopping at the next chunk boundary")
                .doesNotContain("SIGTERM").contains("exit code  75 (stopped on request at a chunk boundary");

        // The lock file is written just before the hook is installed, seconds before Spring and the job start. While
        // Spring Boot sets logback up, a line logged through it can be lost: these delays land in that set-up.
        for (int delayMillis : new int[] {0, 150, 300, 600}) {
            Path lock = dir.resolve("hup-" + delayMillis + "/.state/run.lock");
            Run early = Run.start(signalsDefault, null, input, dir.resolve("hup-" + delayMillis));
            for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                 !Files.exists(lock) || !Files.readString(lock).contains("pid " + early.process.pid()); ) {
                assertThat(System.nanoTime()).as("the run took its lock:\n" + early.output()).isLessThan(deadline);
                Thread.sleep(5);
            }
            Thread.sleep(delayMillis);
            signal("HUP", early.process);
            assertThat(early.await()).as("SIGHUP %d ms after the lock", delayMillis).isEqualTo(75);
            assertThat(early.output()).as("SIGHUP %d ms after the lock", delayMillis)
                    .containsPattern("(?m)^[0-9-]+ [0-9:]+ WARN  Stop requested \\(SIGHUP\\) before the job"
                    + " started: nothing to stop; exiting with 75$").contains("Run summary:").contains("job        not started")
                    .contains("exit code  75 (stopped on request at a chunk boundary")
                    .doesNotContain("GracefulStop");
        }
    }

    /**
     * What to start a run with so that it gets SIGINT and SIGHUP: a build started in the background (`.ci/run &`,
     * nohup) has them ignored, a child inherits that, and the JVM then leaves them ignored. Nothing when they are
     * not ignored here (/proc/self/status, SigIgn: bit n-1 for signal n); otherwise coreutils' env resets them.
     */
    private static List<String> withDefaultIntAndHup() throws Exception {
        long ignored = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("SigIgn:")).findFirst()
                .map(l -> Long.parseLong(l.substring("SigIgn:".length()).trim(), 16)).orElse(0L);
        if ((ignored & 0b11) == 0) {
            return List.of();
        }
        List<String> env = List.of("env", "--default-signal=INT,HUP");
        List<String> probe = new ArrayList<>(env);
        probe.add("true");
        Assumptions.assumeTrue(new ProcessBuilder(probe).start().waitFor() == 0,
                "SIGINT and SIGHUP are ignored in this build's process, and env cannot restore them");
        return env;
    }

    private static void signal(String name, Process process) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor()).isZero();
    }

    /** Past cbec.stop-timeout the process exits 75 without the job's own account: it still ends with a summary. */
    @Test
    void aRunThatDoesNotStopWithinTheStopTimeoutStillEndsWithItsSummary() throws Exception {
        Path input = bigInput(dir.resolve("input"));
        Run run = Run.start(input, dir.resolve("output"), "-Dcbec.stop-timeout=0s");
        run.awaitOutput(PROGRESS, Duration.ofSeconds(120));

        run.process.destroy(); // SIGTERM

        assertThat(run.await()).isEqualTo(75);
        assertThat(run.output()).contains("The run did not stop within").contains("Run summary:")
                .contains("job        still running after").contains("exit code  75");
    }

    @Test
    void aFailedReportStepIsResumedWithoutRedoingIngestThenIdenticalInputsAreANoOpAndForceOrNewInputsRunAnew()
            throws Exception {
        Path input = dir.resolve("input");
        RegistryWorkbook.allBatches().writeTo(input.resolve("名单.xlsx"));
        SampleInputGenerator.writeEnglishCsv(input.resolve("export-en.csv"));
        settle(input);
        Path output = dir.resolve("output");
        Path state = dir.resolve("state");
        Files.writeString(output, "a file where the output folder should be");

        Run failing = Run.start(input, output, "--state-dir=" + state);
        assertThat(failing.await()).isEqualTo(73);
        assertThat(failing.output()).contains("Cannot create output").contains("Run summary:");

        Files.delete(output);
        Run resumed = Run.start(input, output, "--state-dir=" + state);
        assertThat(resumed.await()).isZero();
        // validate completed before the report step failed: its checks are stored, so only report runs again
        assertThat(stepCounts(state)).containsExactly("ingest 1", "inventory 1", "report 2", "validate 1");
        assertThat(resumed.output()).contains("Not redone: inventory, ingest, validate (completed in an earlier execution)")
                .doesNotContain("validate: ").containsPattern("checks +[1-9][0-9]* passed, 0 failed");
        PublishedWorkbook first = new PublishedWorkbook(output.resolve("cbec-report-" + DATE + ".xlsx"));
        Path firstReport = Files.copy(output.resolve("cbec-report-" + DATE + ".xlsx"), dir.resolve("first-report.xlsx"));
        assertThat(first.summary("Active pilot zones")).isEqualTo("165");

        Run again = Run.start(input, output, "--state-dir=" + state);
        assertThat(again.await()).isZero();
        assertThat(again.output()).contains("Nothing to do: these inputs were already reported for " + DATE)
                .contains("Run summary:").containsPattern("checks +[1-9][0-9]* passed, 0 failed")
                .contains("published  nothing new: cbec-report-" + DATE + ".xlsx and cbec-data-quality-" + DATE
                        + ".xlsx are already these inputs'").contains("exit code  0");
        assertThat(query(state, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).containsExactly("2");
        // ...and its start dropped the completed run's staged records, keeping what identifies the run
        assertThat(again.output()).contains("Housekeeping: dropped the staged records of 1 completed run(s)");
        assertThat(query(state, "SELECT COUNT(*) FROM zone_entry")).containsExactly("0");
        assertThat(query(state, "SELECT COUNT(*) FROM source_file")).containsExactly("2"); // 名单.xlsx, export-en.csv

        Run forced = Run.start(input, output, "--state-dir=" + state, "--force");
        assertThat(forced.await()).isZero();
        assertThat(forced.output()).contains("--force: forgetting job instance");
        assertThat(query(state, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).containsExactly("1");
        assertThat(stepCounts(state)).containsExactly("ingest 1", "inventory 1", "report 1", "validate 1");
        // the same inputs run anew give the same cells in the same order
        assertSameCells(firstReport, output.resolve("cbec-report-" + DATE + ".xlsx"));

        // One more byte in one input: a new instance that replaces the report; with keep-days 0 the old
        // instance (metadata and staging) is purged at start.
        Files.writeString(input.resolve("export-en.csv"), "\r\n", java.nio.file.StandardOpenOption.APPEND);
        settle(input);
        Run changed = Run.start(input, output, "--state-dir=" + state, "-Dcbec.state.keep-days=0");
        assertThat(changed.await()).isZero();
        assertThat(changed.output()).contains("Housekeeping: forgot 1 job instance(s)");
        assertThat(query(state, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).containsExactly("1");
        assertThat(query(state, "SELECT COUNT(DISTINCT instance_id) FROM zone_entry")).containsExactly("1");
        PublishedWorkbook replaced = new PublishedWorkbook(output.resolve("cbec-report-" + DATE + ".xlsx"));
        assertThat(replaced.summary("Run id")).isNotEqualTo(first.summary("Run id"));
        assertThat(replaced.summary("Active pilot zones")).isEqualTo("165");
    }

    // ---------------------------------------------------------------------------------------------------

    /**
     * Starts a run and kills it (SIGKILL: no hook, no cleanup) once its ingest has read 2,000 rows: the
     * reader is then in the second chunk, so the first is committed and the rerun has something to resume.
     */
    private static void killMidIngest(Path input, Path output) throws Exception {
        Run victim = Run.start(input, output);
        victim.awaitOutput("ingest: ([2-9][0-9]{3}|[0-9]{5,}) rows", Duration.ofSeconds(120));
        victim.process.destroyForcibly();
        assertThat(victim.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(victim.process.exitValue()).isEqualTo(137);
    }

    /**
     * The 165 zones and their stated total in registry.csv, beside a daily app export (export.csv, read first:
     * files are read in name order) long enough that ingest lasts seconds. Registry rows cannot pad the ingest:
     * each is a zone, a stated total (checked, one check a row) or a rejected row; the subtotal rows without a
     * figure that once did were dropped unseen, and now fail their check.
     */
    private static Path bigInput(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve("registry.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("Batch,Pilot zone,Province,Approval date,Document\r\n");
            for (ReferenceZones.Zone z : ReferenceZones.all()) {
                w.write(z.batch() + "," + csv(z.nameEn()) + "," + csv(z.provinceEn()) + "," + z.approved() + ","
                        + csv(z.document()) + "\r\n");
            }
            w.write("Total,165,,,\r\n");
        }
        return exportInput(folder);
    }

    private static final int EXPORT_DAYS = 1_500;
    /** Rows of exportInput: two apps a day, each with 40 countries and a Worldwide row. */
    private static final int EXPORT_ROWS = EXPORT_DAYS * 2 * 41;
    private static final List<String> EXPORT_COUNTRIES = List.of("US", "CN", "JP", "KR", "DE", "GB", "FR", "BR", "IN",
            "ID", "RU", "MX", "TR", "VN", "TH", "PH", "MY", "SG", "AU", "CA", "IT", "ES", "NL", "SE", "PL", "SA", "AE",
            "EG", "NG", "ZA", "AR", "CL", "CO", "PE", "PK", "BD", "HK", "TW", "NZ", "IE");

    /** A daily export of two apps in 40 countries, each app and day with a Worldwide row equal to its countries. */
    private static Path exportInput(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (BufferedWriter w = Files.newBufferedWriter(folder.resolve("export.csv"), StandardCharsets.UTF_8)) {
            w.write("Date,App,Country,Downloads\r\n");
            java.time.LocalDate start = java.time.LocalDate.of(2019, 1, 1);
            for (int day = 0; day < EXPORT_DAYS; day++) {
                for (String app : List.of("Temu", "Shein")) {
                    long world = 0;
                    for (int c = 0; c < EXPORT_COUNTRIES.size(); c++) {
                        long downloads = (day * 31L + c * 7L + app.length()) % 5_000;
                        world += downloads;
                        w.write(start.plusDays(day) + "," + app + "," + EXPORT_COUNTRIES.get(c) + "," + downloads + "\r\n");
                    }
                    w.write(start.plusDays(day) + "," + app + ",Worldwide," + world + "\r\n");
                }
            }
        }
        settle(folder);
        return folder;
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Backdates the inputs past the settle time, as files copied in earlier would be. */
    private static void settle(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(3600)));
            }
        }
    }

    /** The published workbooks hold the same cells in the same order; only 'Generated at' may differ. */
    private static void assertSameCells(Path expected, Path actual) throws Exception {
        PublishedWorkbook a = new PublishedWorkbook(expected);
        PublishedWorkbook b = new PublishedWorkbook(actual);
        assertThat(b.sheetNames()).containsExactlyElementsOf(a.sheetNames());
        for (String sheet : a.sheetNames()) {
            List<List<Object>> left = withoutGeneratedAt(a.values(sheet));
            List<List<Object>> right = withoutGeneratedAt(b.values(sheet));
            assertThat(right).as(sheet).hasSameSizeAs(left);
            for (int r = 0; r < left.size(); r++) {
                assertThat(right.get(r)).as(sheet + " row " + (r + 1)).containsExactlyElementsOf(left.get(r));
            }
        }
    }

    private static List<List<Object>> withoutGeneratedAt(List<List<Object>> rows) {
        return rows.stream().filter(r -> r.isEmpty() || !"Generated at".equals(r.get(0))).toList();
    }

    /** The stopped run's executions as the state database has them, the output folder, and the run's output. */
    private static String describeStoppedRun(Path output, Run run) throws Exception {
        return String.join("%n".formatted(),
                "job executions: " + query(output, "SELECT JOB_EXECUTION_ID || ' ' || STATUS || ' ' || EXIT_CODE || ' v'"
                        + " || VERSION || ' ' || START_TIME || ' - ' || COALESCE(CAST(END_TIME AS VARCHAR), 'no end')"
                        + " FROM BATCH_JOB_EXECUTION ORDER BY 1"),
                "step executions: " + query(output, "SELECT STEP_NAME || ' ' || STATUS || ' ' || EXIT_CODE || ' read '"
                        + " || READ_COUNT || ' commits ' || COMMIT_COUNT || ' v' || VERSION FROM BATCH_STEP_EXECUTION"
                        + " ORDER BY STEP_EXECUTION_ID"),
                "output folder: " + listing(output),
                "the run's output:", run.output());
    }

    private static String listing(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            return files.map(f -> folder.relativize(f) + (Files.isRegularFile(f) ? " " + f.toFile().length() : ""))
                    .sorted().toList().toString();
        }
    }

    private static List<String> stepCounts(Path state) throws Exception {
        return query(state, "SELECT STEP_NAME || ' ' || COUNT(*) FROM BATCH_STEP_EXECUTION GROUP BY STEP_NAME ORDER BY STEP_NAME");
    }

    /** One column of a query on the state database the runs left (no process has it open any more). */
    private static List<String> query(Path stateOrOutput, String sql) throws Exception {
        Path state = Files.exists(stateOrOutput.resolve(".state")) ? stateOrOutput.resolve(".state") : stateOrOutput;
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + state.resolve("cbec-etl").toAbsolutePath(),
                "sa", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /**
     * The command line in its own JVM, its output (stdout and stderr) going to a log file as cron's would
     * (a file rather than a pipe: Process.destroy() closes the pipes along with the SIGTERM).
     */
    static final class Run {
        private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();
        final Process process;
        private final Path log;

        private Run(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        /** Options starting with -D are JVM system properties (cbec.* settings); the rest go to the command. */
        static Run start(Path input, Path output, String... extra) throws IOException {
            return start(List.of(), null, input, output, extra);
        }

        /**
         * As {@link #start(Path, Path, String...)}, the JVM started by {@code wrapper} (e.g. {@code setpriv ...} or
         * {@code sh -c 'ulimit -f N; exec "$@"' sh}) and in {@code workDir} (null: this process's), where a
         * {@code config/application.yml} is read from.
         */
        static Run start(List<String> wrapper, Path workDir, Path input, Path output, String... extra)
                throws IOException {
            List<String> command = new ArrayList<>(wrapper);
            command.addAll(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dcbec.input.settle-time=0s", "-Dcbec.progress-interval=300ms"));
            List<String> args = new ArrayList<>();
            for (String e : extra) {
                (e.startsWith("-D") ? command : args).add(e);
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.cbec.etl.CbecEtlApplication",
                    "--input=" + input, "--output=" + output, "--report-date=" + DATE));
            command.addAll(args);
            Path log = Files.createTempFile("cbec-run-" + RUNS.incrementAndGet() + "-", ".log");
            log.toFile().deleteOnExit();
            return new Run(new ProcessBuilder(command).directory(workDir == null ? null : workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
        }

        void awaitOutput(String regex, Duration timeout) throws InterruptedException {
            awaitOutputAfter(0, regex, timeout);
        }

        /** Waits for a line matching {@code regex} past the first {@code offset} characters of the output. */
        void awaitOutputAfter(int offset, String regex, Duration timeout) throws InterruptedException {
            Pattern pattern = Pattern.compile(regex);
            long deadline = System.nanoTime() + timeout.toNanos();
            for (String out = output(); out.length() < offset || !pattern.matcher(out).region(offset, out.length()).find();
                 out = output()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("never logged /" + regex + "/:\n" + output());
                }
                Thread.sleep(50);
            }
        }

        int await() throws InterruptedException {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after 180 s:\n" + output());
            }
            return process.exitValue();
        }

        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}

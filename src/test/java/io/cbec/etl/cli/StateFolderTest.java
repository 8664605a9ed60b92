package io.cbec.etl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cbec.etl.fixtures.JobRun;
import io.cbec.etl.fixtures.RegistryWorkbook;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run does with the state folder it finds, in process. */
class StateFolderTest {

    @TempDir
    Path dir;

    @Test
    void aStateDatabaseH2CannotOpenIsNamedInOneLineWithWhatToDoExits74AndIsLeftAsItWas() throws Exception {
        JobRun job = new JobRun(dir, "2024-01-31");
        RegistryWorkbook.allBatches().writeTo(job.input().resolve("名单.xlsx"));
        Path state = dir.resolve("output/.state/cbec-etl.mv.db");
        Files.createDirectories(state.getParent());
        byte[] garbage = new byte[64 * 1024];
        new Random(7).nextBytes(garbage);
        Files.write(state, garbage);

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        PrintStream out = System.out;
        int code;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
            code = job.run();
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        String console = captured.toString(StandardCharsets.UTF_8);

        assertThat(code).as(console).isEqualTo(74);
        assertThat(console.lines()).as("one line, no stack trace").hasSize(1);
        assertThat(log.toString(StandardCharsets.UTF_8)).as("the run took the lock: it ends with its summary")
                .contains("Run summary:").contains("job        ended by the error above").contains("exit code  74 (the state database cannot be opened)");
        assertThat(console).startsWith("cbec-etl: cannot open the state database " + state + ": ")
                .contains("move it aside (mv " + state + " " + state + ".broken) and run again");
        assertThat(Files.readAllBytes(state)).as("the broken file is kept for whoever looks into it").isEqualTo(garbage);
        assertThat(job.reportPath()).doesNotExist();

        // moved aside as the message says, the next run starts from scratch and publishes
        Files.move(state, state.resolveSibling("cbec-etl.mv.db.broken"));
        assertThat(job.run()).isZero();
        assertThat(job.report().summary("Active pilot zones")).isEqualTo("165");
    }

    @Test
    void tempFilesAKilledRunLeftInTheStateFolderAreSweptAtStart() throws Exception {
        JobRun job = new JobRun(dir, "2024-01-31");
        RegistryWorkbook.allBatches().batches(1, 2).writeTo(job.input().resolve("名单.xlsx"));
        Path tmp = dir.resolve("output/.state/tmp");
        Path sheet = Files.createDirectories(tmp).resolve("poi-sxssf-sheet-xml5087.gz"); // as POI names them
        Files.write(sheet, new byte[1024]);
        Path sortRun = Files.createDirectories(tmp.resolve("figures-3")).resolve("run-1.bin");
        Files.write(sortRun, new byte[1024]);

        assertThat(job.run()).isZero();

        try (Stream<Path> left = Files.walk(tmp)) {
            assertThat(left).containsExactly(tmp);
        }
    }
}

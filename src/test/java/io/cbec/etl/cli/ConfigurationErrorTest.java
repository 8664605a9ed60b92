package io.cbec.etl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cbec.etl.cli.CronOperationsTest.Run;
import io.cbec.etl.fixtures.RegistryWorkbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config/application.yml that is wrong: exit 64, one line naming the file and where in it (or the setting),
 * nothing published. The run is a child process whose working directory holds the file, as cron's does.
 */
class ConfigurationErrorTest {

    @TempDir
    Path dir;

    @Test
    void aConfigFileThatIsNotYamlExits64NamingTheFileLineAndColumn() throws Exception {
        Path config = Files.createDirectories(dir.resolve("work/config")).resolve("application.yml");
        Files.writeString(config, "cbec:\n  progress-interval: 5s\n  header-aliases: [unclosed\n");

        Run run = start();
        int code = run.await();

        String log = run.output();
        assertThat(code).as(log).isEqualTo(64);
        assertOneLineThenTheRunSummary(log, 64);
        assertThat(log.lines().findFirst()).hasValue("cbec-etl: configuration error in "
                + config.toRealPath() + ", line 4, column 1: expected ',' or ']', but got <stream end> (while parsing"
                + " a flow sequence from line 3, column 19). Correct the YAML there (indentation with spaces, quotes"
                + " and brackets closed).");
        assertThat(dir.resolve("output")).doesNotExist();
    }

    @Test
    void aReferenceFolderThatDoesNotExistExits64NamingTheSetting() throws Exception {
        Path config = Files.createDirectories(dir.resolve("work/config")).resolve("application.yml");
        Path missing = dir.resolve("reference");
        Files.writeString(config, "cbec:\n  reference-dir: " + missing + "\n");

        Run run = start();
        int code = run.await();

        String log = run.output();
        assertThat(code).as(log).isEqualTo(64);
        assertOneLineThenTheRunSummary(log, 64);
        assertThat(log.lines().findFirst()).hasValue("cbec-etl: configuration error:"
                + " cbec.reference-dir: " + missing + " is not a folder (it does not exist): create it with your"
                + " platforms.csv or countries.csv, or remove the setting. Correct it in config/application.yml.");
        assertThat(dir.resolve("output")).doesNotExist();

        // created, it is read (empty here: the bundled lists alone)
        Files.createDirectories(missing);
        Run fixed = start();
        assertThat(fixed.await()).as(fixed.output()).isZero();
    }

    private Run start() throws Exception {
        Path input = dir.resolve("input");
        if (!Files.exists(input)) {
            RegistryWorkbook.allBatches().writeTo(input.resolve("名单.xlsx"));
        }
        return Run.start(List.of(), dir.resolve("work"), input, dir.resolve("output"), "--state-dir=" + dir.resolve("state"));
    }

    /** The error in one line, then the Run summary every run ends with, and no stack trace. */
    static void assertOneLineThenTheRunSummary(String log, int exitCode) {
        assertThat(log.lines().skip(1).findFirst()).as(log).hasValueSatisfying(l -> assertThat(l).endsWith("Run summary:"));
        assertThat(log).as("no stack trace").doesNotContain("\tat ", "Exception");
        assertThat(log).contains("  exit code  " + exitCode + " ");
    }
}

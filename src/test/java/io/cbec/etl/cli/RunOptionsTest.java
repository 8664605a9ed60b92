package io.cbec.etl.cli;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunOptionsTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 1, 31);

    @Test
    void forceIsOffUnlessAskedAndTakesNoValue() throws Exception {
        assertThat(RunOptions.parse(new String[0], TODAY).force()).isFalse();
        assertThat(RunOptions.parse(new String[] {"--force", "--report-date=2024-02-29"}, TODAY).force()).isTrue();
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"--force=yes"}, TODAY))
                .isInstanceOf(UsageException.class).hasMessage("--force takes no value");
        assertThat(RunOptions.USAGE).contains("--force").contains("75 another run holds the lock, this run was stopped");
    }

    @Test
    void theOutputFolderMustLieOutsideTheInputFolderButMaySitBesideIt() throws Exception {
        for (String output : new String[] {"/data/cbec/in", "/data/cbec/in/", "/data/cbec/in/reports", "/data/cbec/x/../in"}) {
            assertThatThrownBy(() -> RunOptions.parse(new String[] {"--input=/data/cbec/in", "--output=" + output}, TODAY))
                    .as(output).isInstanceOf(UsageException.class).hasMessageContaining("the input folder /data/cbec/in")
                    .satisfies(e -> assertThat(((UsageException) e).showUsage()).isFalse());
        }
        assertThat(RunOptions.parse(new String[] {"--input=/data/cbec/in", "--output=/data/cbec/in-reports"}, TODAY)
                .output()).isEqualTo(java.nio.file.Path.of("/data/cbec/in-reports"));
        assertThat(RunOptions.parse(new String[] {"--input=/data/cbec/in", "--output=/data/cbec"}, TODAY).output())
                .as("input inside output is fine").isEqualTo(java.nio.file.Path.of("/data/cbec"));
    }
}

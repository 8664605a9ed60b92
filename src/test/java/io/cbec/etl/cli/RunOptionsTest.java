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
        assertThat(RunOptions.USAGE).contains("--force").contains("75 another run holds the lock, or this run was stopped");
    }
}

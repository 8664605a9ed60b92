package io.cbec.etl.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicPublisherTest {

    @TempDir
    Path folder;

    private List<String> folderContents() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void tempFileIsAHiddenCbecTempBesideTheTarget() throws IOException {
        Path temp = AtomicPublisher.tempFileFor(folder.resolve("cbec-report-2024-01-31.xlsx"));
        assertThat(temp.getParent()).isEqualTo(folder.toAbsolutePath());
        assertThat(temp.getFileName().toString()).matches("\\.cbec-report-2024-01-31\\.xlsx\\.[0-9a-f]{16}\\.tmp");
        assertThat(temp).exists().isEmptyFile();
        Path other = AtomicPublisher.tempFileFor(folder.resolve("other.xlsx"));
        assertThat(other.getFileName().toString()).startsWith(".cbec-other.xlsx.").endsWith(".tmp");
    }

    @Test
    void publishReplacesTheTargetAndLeavesNoTemp() throws IOException {
        Path target = folder.resolve("cbec-report.xlsx");
        Files.writeString(target, "old");
        Path temp = AtomicPublisher.tempFileFor(target);
        Files.writeString(temp, "new");
        AtomicPublisher.publish(temp, target);
        assertThat(target).hasContent("new");
        assertThat(folderContents()).containsExactly("cbec-report.xlsx");
    }

    @Test
    void aFailingWriterLeavesThePreviousTargetByteIdenticalAndNoTemp() throws IOException {
        Path target = folder.resolve("cbec-report.xlsx");
        byte[] previous = "previous report".getBytes(StandardCharsets.UTF_8);
        Files.write(target, previous);
        assertThatThrownBy(() -> AtomicPublisher.writeAtomically(target, temp -> {
            Files.writeString(temp, "half a rep");
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(Files.readAllBytes(target)).isEqualTo(previous);
        assertThat(folderContents()).containsExactly("cbec-report.xlsx");

        assertThatThrownBy(() -> AtomicPublisher.writeAtomically(target, temp -> {
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readAllBytes(target)).isEqualTo(previous);
        assertThat(folderContents()).containsExactly("cbec-report.xlsx");
    }

    @Test
    void writeAtomicallyPublishesWhatTheWriterWrote() throws IOException {
        Path target = folder.resolve("cbec-data-quality.xlsx");
        AtomicPublisher.writeAtomically(target, temp -> Files.writeString(temp, "fresh"));
        assertThat(target).hasContent("fresh");
        assertThat(folderContents()).containsExactly("cbec-data-quality.xlsx");
    }

    @Test
    void filesPublishedTogetherAreAllNewOrAllAsBeforeWhenALaterRenameFails() throws IOException {
        Path report = Files.writeString(folder.resolve("cbec-report.xlsx"), "previous report");
        Path dataQuality = folder.resolve("cbec-data-quality.xlsx");
        Files.createDirectories(dataQuality.resolve("in-the-way"));
        Path added = folder.resolve("cbec-added.xlsx"); // none before: removed again
        List<AtomicPublisher.Staged> staged = List.of(
                AtomicPublisher.stage(report, temp -> Files.writeString(temp, "new report")),
                AtomicPublisher.stage(added, temp -> Files.writeString(temp, "new file")),
                AtomicPublisher.stage(dataQuality, temp -> Files.writeString(temp, "new data quality")));

        assertThatThrownBy(() -> AtomicPublisher.publishTogether(staged)).isInstanceOf(IOException.class)
                .isNotInstanceOf(AtomicPublisher.PartlyPublished.class);

        assertThat(report).hasContent("previous report");
        assertThat(dataQuality.resolve("in-the-way")).isDirectory();
        assertThat(folderContents()).containsExactly("cbec-data-quality.xlsx", "cbec-report.xlsx");
    }

    @Test
    void filesPublishedTogetherAllReplaceTheirTargets() throws IOException {
        Path report = Files.writeString(folder.resolve("cbec-report.xlsx"), "previous report");
        Path dataQuality = folder.resolve("cbec-data-quality.xlsx");
        AtomicPublisher.publishTogether(List.of(
                AtomicPublisher.stage(report, temp -> Files.writeString(temp, "new report")),
                AtomicPublisher.stage(dataQuality, temp -> Files.writeString(temp, "new data quality"))));
        assertThat(report).hasContent("new report");
        assertThat(dataQuality).hasContent("new data quality");
        assertThat(folderContents()).containsExactly("cbec-data-quality.xlsx", "cbec-report.xlsx");
    }

    @Test
    void publishingFromAnotherFolderIsRefusedAndTheSourceDeleted() throws IOException {
        Path elsewhere = Files.createDirectory(folder.resolve("elsewhere"));
        Path source = Files.writeString(elsewhere.resolve("x.tmp"), "x");
        Path target = folder.resolve("cbec-report.xlsx");
        assertThatThrownBy(() -> AtomicPublisher.publish(source, target)).isInstanceOf(IOException.class);
        assertThat(source).doesNotExist();
        assertThat(target).doesNotExist();
    }

    @Test
    void sweepDeletesOnlyStaleCbecTemps() throws IOException {
        Files.writeString(folder.resolve(".cbec-report-2024-01-31.xlsx.0123456789abcdef.tmp"), "stale");
        Files.writeString(folder.resolve(".cbec-other.tmp"), "stale");
        Files.writeString(folder.resolve("cbec-report-2024-01-31.xlsx"), "report");
        Files.writeString(folder.resolve("notes.tmp"), "someone else's");
        assertThat(AtomicPublisher.sweepStaleTemps(folder)).isEqualTo(2);
        assertThat(folderContents()).containsExactly("cbec-report-2024-01-31.xlsx", "notes.tmp");
        assertThat(AtomicPublisher.sweepStaleTemps(folder.resolve("missing"))).isZero();
    }

    @Test
    void reportWorkbookPublishesAtomically() throws IOException {
        Path target = folder.resolve("cbec-report.xlsx");
        try (ReportWorkbook workbook = new ReportWorkbook(folder.resolve("tmp"))) {
            workbook.listSheet("Checks", List.of(Column.text("Check"))).row("ok");
            workbook.publish(target);
        }
        assertThat(Files.size(target)).isPositive();
        assertThat(folderContents()).containsExactly("cbec-report.xlsx", "tmp");
    }
}

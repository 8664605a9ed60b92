package io.cbec.etl.cli;

import io.cbec.etl.job.CbecProperties;
import io.cbec.etl.job.RunContext;
import io.cbec.etl.job.RunOutcome;
import io.cbec.etl.job.StateDatabase;
import io.cbec.etl.job.StateHousekeeping;
import io.cbec.etl.report.AtomicPublisher;
import io.cbec.etl.report.ReportFiles;
import io.cbec.etl.source.InputFolder;
import io.cbec.etl.source.IoFailures;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One invocation: scan the inputs, work out the job instance (report date + inputs fingerprint), then do
 * nothing (already published), recover a stale execution, restart a failed one, or start a new one; and
 * map how it ended to an exit code.
 */
@Component
public class ReportRun {

    private static final Logger log = LoggerFactory.getLogger(ReportRun.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final RunContext run;
    private final StateDatabase stateDatabase;
    private final CbecProperties properties;
    private final StateHousekeeping housekeeping;
    private final RunSummary summary;

    ReportRun(JobOperator jobOperator, JobRepository jobRepository, Job job, RunContext run,
              StateDatabase stateDatabase, CbecProperties properties, StateHousekeeping housekeeping,
              RunSummary summary) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = job;
        this.run = run;
        this.stateDatabase = stateDatabase;
        this.properties = properties;
        this.housekeeping = housekeeping;
        this.summary = summary;
    }

    public ExitCode run(RunOptions options) throws Exception {
        Instant started = Instant.now();
        stateDatabase.ensureSchema();
        int keepDays = properties.state().keepDays();
        int purged = housekeeping.purgeOlderThan(keepDays, LocalDateTime.now());
        if (purged > 0) {
            log.info("Housekeeping: forgot {} job instance(s) (metadata and staging) older than {} days"
                    + " (cbec.state.keep-days)", purged, keepDays);
        }
        int dropped = housekeeping.dropCompletedStaging();
        if (dropped > 0) {
            log.info("Housekeeping: dropped the staged records of {} completed run(s), whose reports are published",
                    dropped);
        }
        Path temp = options.stateDir().resolve("tmp");
        Files.createDirectories(temp);
        int leftOver = sweepTempFolder(temp);
        if (leftOver > 0) {
            log.warn("Removed {} temp file(s) left in {} by an earlier run that did not finish", leftOver, temp);
        }
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(temp.toFile()));
        if (Files.isDirectory(options.output())) {
            int swept = AtomicPublisher.sweepStaleTemps(options.output());
            if (swept > 0) {
                log.warn("Removed {} temp file(s) left in {} by an earlier run that did not finish", swept,
                        options.output());
            }
        }

        InputFolder.Snapshot inputs = InputFolder.scan(options.input(), properties.input().settleTime(),
                Clock.systemDefaultZone());
        run.begin(options, inputs);
        log.info("cbec-etl: report date {}, {} input file(s) in {}, state in {}", options.reportDate(),
                inputs.files().size(), options.input(), options.stateDir());
        inputs.passedOver().forEach(p -> log.warn("{}: {}", p.name(), p.reason()));
        inputs.futureDated().forEach(f -> log.warn("{}: modified {}, {} ahead of this machine's clock (a share's clock"
                + " ahead, or unpacked from an archive): not being written, so it is read", f.name(),
                InputFolder.localTime(f.modified()), roughly(f.ahead())));
        inputs.unsettled().forEach(u -> log.warn("{}: modified {}, {}; the run will publish no report and end with {}",
                u.name(), InputFolder.localTime(u.modified()), u.reason(), ExitCode.UNSETTLED.code()));

        JobParameters parameters = new JobParametersBuilder()
                .addString("reportDate", options.reportDate().toString())
                .addString("inputs", inputs.fingerprint())
                .addString("allowRejects", Boolean.toString(options.allowRejects()))
                .toJobParameters();

        if (options.force()) {
            JobInstance earlier = jobRepository.getJobInstance(job.getName(), parameters);
            if (earlier != null) {
                log.warn("--force: forgetting job instance {} (report date {}, these inputs) and running it anew",
                        earlier.getInstanceId(), options.reportDate());
                housekeeping.purgeInstance(earlier.getInstanceId());
            }
        }

        JobExecution last = jobRepository.getLastJobExecution(job.getName(), parameters);
        if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
            Path report = ReportFiles.report(options.output(), options.reportDate());
            String changed = notAsPublished(options, run.runId());
            if (changed == null) {
                log.info("Nothing to do: these inputs were already reported for {} (execution {} ended {}): {}",
                        options.reportDate(), last.getId(), last.getEndTime(), report);
                summary.logNothingToDo(last, report.getFileName() + " and "
                        + ReportFiles.dataQuality(options.output(), options.reportDate()).getFileName(),
                        Duration.between(started, Instant.now()));
                return ExitCode.OK;
            }
            log.warn("These inputs were reported for {} but {}: building the workbooks again", options.reportDate(),
                    changed);
            housekeeping.purgeInstance(last.getJobInstance().getInstanceId());
        } else if (last != null && last.isRunning()) {
            // We hold the state lock, so no live process owns this execution: its process died.
            log.warn("STALE RUN: execution {} (started {}, last updated {}) is still marked {} but its process is"
                    + " gone (killed or crashed; this run holds the lock); marking it FAILED and resuming it",
                    last.getId(), last.getStartTime(), last.getLastUpdated(), last.getStatus());
            jobOperator.recover(last);
        } else if (last != null) {
            log.info("Resuming execution {} of these inputs, which ended {}", last.getId(), last.getStatus());
        }
        if (last != null && last.getStatus() != BatchStatus.COMPLETED) {
            List<String> done = completedSteps(last.getJobInstance());
            if (!done.isEmpty()) {
                log.info("Not redone: {} (completed in an earlier execution)", String.join(", ", done));
            }
        }

        JobExecution execution;
        ExitCode code;
        try {
            execution = jobOperator.start(job, parameters);
            code = exitCode(execution, options.stateDir());
        } catch (Exception e) {
            // Spring Batch could not record how the job ended: its repository, the state database, failed to write
            // (a full disk closes H2). The execution stays marked STARTED, so the next run resumes it as stale.
            IOException io = IoFailures.find(e);
            execution = run.execution();
            if (io == null || execution == null) {
                throw e;
            }
            log.error(StateWriteFailure.message(io, options.stateDir()));
            code = StateWriteFailure.exitCode(io);
        }
        summary.log(execution, code, Duration.between(started, Instant.now()));
        return code;
    }

    /** The steps of the instance that completed and will not run again, in job order. */
    private List<String> completedSteps(JobInstance instance) throws Exception {
        if (!(job instanceof AbstractJob steps)) {
            return List.of();
        }
        List<String> done = new ArrayList<>();
        for (String name : steps.getStepNames()) {
            StepExecution step = jobRepository.getLastStepExecution(instance, name);
            if (step != null && step.getStatus() == BatchStatus.COMPLETED && !steps.getStep(name).isAllowStartIfComplete()) {
                done.add(name);
            }
        }
        return done;
    }

    /**
     * Why the output folder no longer holds what the completed run of these inputs published, or null when it
     * does. Both workbooks carry the run id: a later run of other inputs for the same date rewrites the
     * data-quality workbook (always written), and a "nothing to do" beside it would leave a report and a
     * data-quality workbook that contradict each other.
     */
    private static String notAsPublished(RunOptions options, String runId) {
        for (Path workbook : List.of(ReportFiles.report(options.output(), options.reportDate()),
                ReportFiles.dataQuality(options.output(), options.reportDate()))) {
            if (!Files.exists(workbook)) {
                return workbook + " is gone";
            }
            Optional<String> written = ReportFiles.runId(workbook);
            if (!written.equals(Optional.of(runId))) {
                return workbook + " is " + written.map(id -> "from another run (run id " + id + ", these inputs' is "
                        + runId + ")").orElse("not readable as a workbook of cbec-etl");
            }
        }
        return null;
    }

    private static String roughly(Duration d) {
        return d.toHours() >= 2 ? d.toHours() + " h" : d.toMinutes() >= 2 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    /**
     * Deletes what a killed run left in the state folder's temp folder (POI's compressed sheets, the checks'
     * sort runs): this run holds the lock, so no other run is using them, and a resumed step writes its own.
     */
    private static int sweepTempFolder(Path temp) throws IOException {
        int deleted = 0;
        try (Stream<Path> walk = Files.walk(temp)) {
            // deepest first, so that a folder is empty when its turn comes
            for (Path p : (Iterable<Path>) walk.filter(p -> !p.equals(temp)).sorted(Comparator.reverseOrder())::iterator) {
                try {
                    boolean file = Files.isRegularFile(p);
                    Files.delete(p);
                    deleted += file ? 1 : 0;
                } catch (IOException e) {
                    log.warn("Cannot delete {} left by an earlier run: {}", p, IoFailures.reason(e));
                }
            }
        }
        return deleted;
    }

    private static ExitCode exitCode(JobExecution execution, Path stateDir) {
        if (execution.getStatus() == BatchStatus.STOPPED) {
            log.warn("Stopped on request at a chunk boundary (execution {} is STOPPED): run again with the same"
                    + " inputs to resume", execution.getId());
            return ExitCode.STOPPED;
        }
        RunOutcome outcome = RunOutcome.fromExitStatus(execution.getExitStatus().getExitCode());
        if (outcome != null) {
            return outcome.exitCode();
        }
        // A write to the state folder that failed (its disk full during ingest or the checks' sort) is no bug: one
        // line saying so, not the stack trace. Anything else is, and its trace is what the log must hold.
        for (Throwable failure : execution.getAllFailureExceptions()) {
            IOException io = IoFailures.find(failure);
            if (io != null) {
                log.error(StateWriteFailure.message(io, stateDir));
                return StateWriteFailure.exitCode(io);
            }
        }
        execution.getAllFailureExceptions().forEach(failure -> log.error("Internal error in the job", failure));
        return ExitCode.INTERNAL;
    }
}

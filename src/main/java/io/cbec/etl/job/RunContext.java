package io.cbec.etl.job;

import io.cbec.etl.cli.RunOptions;
import io.cbec.etl.source.InputFolder;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * What this process was asked to do: the options and the input snapshot the command line computed, and
 * the job instance being run. One job runs per process (the CLI holds the state-folder lock), so a
 * single holder is enough and spares every step from re-deriving them.
 */
@Component
public class RunContext {

    private RunOptions options;
    private InputFolder.Snapshot inputs;
    private long instanceId = -1;
    private JobExecution execution;

    public void begin(RunOptions options, InputFolder.Snapshot inputs) {
        this.options = options;
        this.inputs = inputs;
    }

    void started(JobExecution execution) {
        this.instanceId = execution.getJobInstance().getInstanceId();
        this.execution = execution;
    }

    /**
     * The execution this process started, as it stands in memory, or null before the job starts: what the command
     * line reports when the job repository could not record how it ended.
     */
    public JobExecution execution() {
        return execution;
    }

    public RunOptions options() {
        return options;
    }

    public InputFolder.Snapshot inputs() {
        return inputs;
    }

    public long instanceId() {
        if (instanceId < 0) {
            throw new IllegalStateException("no job instance is running");
        }
        return instanceId;
    }

    /**
     * Stable across reruns of the same inputs and date, so identical runs give identical cells. It names the job
     * instance, so it says {@code --allow-rejects} too (a job parameter): a run without it writes a data-quality
     * workbook that fails the rejected rows, and the run with it must not take that workbook for its own.
     */
    public String runId() {
        return options.reportDate() + "-" + inputs.fingerprint().substring(0, 12)
                + (options.allowRejects() ? "-allow-rejects" : "");
    }
}

package io.cbec.etl.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepInterruptionPolicy;

/**
 * A request to stop the run at the next chunk boundary (SIGTERM, Ctrl-C), honoured by the step's own thread.
 *
 * <p>Why not {@code JobOperator.stop}: in Spring Batch 6.0 it writes the running step's execution row from the
 * caller's thread while the step thread commits chunks to the same row; both use optimistic locking, and when
 * the step loses, the job ends UNKNOWN ("should not be restarted") instead of STOPPED (spring-batch#5120,
 * #5308, #5484). Here the signal is only a flag: the step thread reads it between chunks, marks its own
 * execution terminate-only and ends STOPPED through Spring Batch's normal path, so there is one writer.
 *
 * <p>It is the ingest step's interruption policy (checked before every chunk) and a listener on the tasklet
 * steps (checked before the step starts; a tasklet already running finishes first).
 */
public final class StopRequest implements StepInterruptionPolicy, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(StopRequest.class);

    private volatile boolean requested;

    /** Asks the run to stop; safe from any thread. */
    public void request() {
        requested = true;
    }

    public boolean isRequested() {
        return requested;
    }

    @Override
    public void checkInterrupted(StepExecution stepExecution) throws JobInterruptedException {
        if (requested || Thread.currentThread().isInterrupted()) {
            stopHere(stepExecution);
        }
        if (stepExecution.isTerminateOnly()) {
            throw new JobInterruptedException("Stop requested: step " + stepExecution.getStepName()
                    + " stopped at a chunk boundary");
        }
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        if (requested) {
            stopHere(stepExecution);
        }
    }

    private static void stopHere(StepExecution stepExecution) {
        if (!stepExecution.isTerminateOnly()) {
            // terminate-only is what AbstractStep checks after the chunk loop to end the step STOPPED
            // rather than COMPLETED; without it a step whose loop ended early would look finished.
            stepExecution.setTerminateOnly();
            log.info("Stopping step {} at a chunk boundary after {} rows read", stepExecution.getStepName(),
                    stepExecution.getReadCount());
        }
    }
}

package io.cbec.etl.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.cbec.etl.job.StopRequest;
import org.springframework.context.ConfigurableApplicationContext;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The JVM shutdown hook that turns SIGTERM (or Ctrl-C, SIGHUP) into a graceful stop: it raises the job's
 * {@link StopRequest}, which the ingest step honours after its current chunk commits (the step and job end
 * STOPPED and the next run resumes from there); it waits, bounded, for the run to end, then ends the process
 * with the run's own exit code ({@link ExitCode#STOPPED}, 75, when it stopped). It does not call
 * {@code JobOperator.stop}: see {@link StopRequest} for why.
 *
 * <p>Why {@code halt}: once the JVM is shutting down, {@code System.exit} from the main thread blocks for
 * ever, so the hook itself must end the process with the right code. By then the main thread has closed
 * the Spring context (and the H2 database) and released the lock. If the job does not stop in time (a
 * long tasklet), the hook exits anyway: H2 has every commit on disk, and the next run finds the
 * execution STARTED, recovers it as stale and resumes.
 */
public final class GracefulStop extends Thread {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile StopRequest stopRequest;
    private volatile Duration timeout = Duration.ofSeconds(60);
    private volatile int exitCode = ExitCode.STOPPED.code();
    /** The run began when the hook was installed, right after the lock was taken. */
    private final long startedNanos = System.nanoTime();

    GracefulStop() {
        super("cbec-etl-graceful-stop");
    }

    /** Which signal set the shutdown going, for the log: the hook itself cannot tell. */
    private static volatile String signal = "a signal";

    /** Installs the hook for this run. */
    public static GracefulStop install() {
        nameSignals();
        GracefulStop hook = new GracefulStop();
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /**
     * Replaces the JVM's handlers of SIGTERM, SIGINT and SIGHUP with ones that note the signal's name and then do
     * what the JVM's do: exit with 128 + the signal's number, which runs the shutdown hooks. A signal the process
     * was started ignoring (nohup) or left to the OS (-Xrs) is left so.
     */
    private static void nameSignals() {
        for (String name : List.of("TERM", "INT", "HUP")) {
            try {
                Signal sig = new Signal(name);
                SignalHandler previous = Signal.handle(sig, s -> {
                    signal = "SIG" + s.getName();
                    System.exit(128 + s.getNumber());
                });
                if (previous == SignalHandler.SIG_IGN || previous == SignalHandler.SIG_DFL) {
                    Signal.handle(sig, previous);
                }
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // not a signal here, or reserved by the JVM: its own handler stays and the log says "a signal"
            }
        }
    }

    /** Time since the run took the lock, for the summary table. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Spring is up: from now on a stop goes through the job's stop request. */
    public void attach(ConfigurableApplicationContext context, Duration timeout) {
        this.timeout = timeout;
        this.stopRequest = context.getBean(StopRequest.class);
    }

    /**
     * The run is over (context closed, lock released) with this exit code. Called from the main thread;
     * removes the hook unless the JVM is already shutting down, in which case the hook exits with the code.
     */
    public void finished(int code) {
        exitCode = code;
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(this);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running (or about to) and will halt with exitCode
        }
    }

    @Override
    public void run() {
        if (finished.getCount() == 0) {
            return; // a normal exit: the code is already on its way
        }
        long start = System.nanoTime();
        StopRequest request = stopRequest;
        if (request == null) {
            // Spring Boot may be re-configuring logback on the main thread right now, when a line logged through it
            // can be filtered out: these two go to the console directly, in the same format.
            ConsoleLog.printNow("WARN", "Stop requested (" + signal + ") before the job started: nothing to stop;"
                    + " exiting with " + ExitCode.STOPPED.code());
            ConsoleLog.printNow("INFO", RunSummary.brief("nothing", "not started", ExitCode.STOPPED, elapsed()));
            Runtime.getRuntime().halt(ExitCode.STOPPED.code()); // nothing started, nothing to stop
        }
        log.warn("Stop requested ({}): stopping at the next chunk boundary (waiting up to {} s)", signal,
                timeout.toSeconds());
        request.request();
        try {
            finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long waited = (System.nanoTime() - start) / 1_000_000;
        if (finished.getCount() == 0) {
            log.warn("Stopped after {} ms; exiting with {}", waited, exitCode);
            Runtime.getRuntime().halt(exitCode);
        }
        log.error("The run did not stop within {} ms; exiting with {} anyway. The next run will find the execution"
                + " STARTED, mark it failed and resume it.", waited, ExitCode.STOPPED.code());
        RunSummary.logBrief("not known: the job had not finished", "still running after " + waited + " ms (cbec.stop-timeout): left STARTED, the next run"
                + " resumes it", ExitCode.STOPPED, elapsed());
        Runtime.getRuntime().halt(ExitCode.STOPPED.code());
    }
}

package io.cbec.etl.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Logs a long step's progress every {@code cbec.progress-interval} from a timer thread while the step's own
 * thread works: "validate: 20 s, ...". A timer rather than a check per row, since the steps also spend long
 * stretches in single calls (the checks' sort of every figure, zipping a workbook) where no row goes by.
 * Close it when the step's work ends.
 */
public final class ProgressLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProgressLog.class);

    private final ScheduledExecutorService timer;

    private ProgressLog(String step, Duration interval, Supplier<String> where) {
        long started = System.nanoTime();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cbec-etl-progress-" + step);
            t.setDaemon(true); // never what keeps the JVM up
            return t;
        });
        long every = interval.toNanos();
        timer.scheduleAtFixedRate(() -> {
            try {
                log.info("{}: {} s, {}", step, Math.round((System.nanoTime() - started) / 1e9), where.get());
            } catch (RuntimeException e) {
                log.debug("progress of {} not available", step, e); // a progress line is never worth a failure
            }
        }, every, every, TimeUnit.NANOSECONDS);
    }

    /** Starts logging {@code where} (what the step is at) every {@code interval}, first after one interval. */
    public static ProgressLog start(String step, Duration interval, Supplier<String> where) {
        return new ProgressLog(step, interval, where);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

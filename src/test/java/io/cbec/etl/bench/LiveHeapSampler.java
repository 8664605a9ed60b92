package io.cbec.etl.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live set of this JVM for real: every interval a daemon thread forces a full collection and reads
 * the heap in use right after it (no garbage left, unlike "heap after a young GC", which counts whatever
 * the old generation has not collected yet). The peak over the run is what "memory flat in rows" means.
 */
final class LiveHeapSampler {

    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private LiveHeapSampler(long everyMs) {
        thread = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(everyMs);
                } catch (InterruptedException e) {
                    return;
                }
                sample();
            }
        }, "live-heap-sampler");
        thread.setDaemon(true);
    }

    static LiveHeapSampler start(long everyMs) {
        LiveHeapSampler sampler = new LiveHeapSampler(everyMs);
        sampler.thread.start();
        return sampler;
    }

    private void sample() {
        System.gc();
        peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        samples.incrementAndGet();
    }

    /** Stops sampling after one last sample at the end of the run. */
    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        sample();
    }

    long peak() {
        return peak.get();
    }

    long samples() {
        return samples.get();
    }
}

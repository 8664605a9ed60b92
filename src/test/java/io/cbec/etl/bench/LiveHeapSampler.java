package io.cbec.etl.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

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
        long used = heapAfterLastFullGc();
        if (used > peak.get() + PEAK_STEP) {
            peakDetail = describe(used); // what holds the heap, and what the job is doing, at a new peak
        }
        peak.accumulateAndGet(used, Math::max);
        samples.incrementAndGet();
    }

    /**
     * The heap in use at the end of the full collection, as the collector recorded it. (Reading the heap's
     * current use after System.gc() returns raced with the job's allocations: on a busy machine the sampler
     * thread could read it tens of milliseconds later, tens of megabytes of fresh garbage later.)
     */
    private static long heapAfterLastFullGc() {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof com.sun.management.GarbageCollectorMXBean full && isFullCollector(gc.getName())
                    && full.getLastGcInfo() != null) {
                return full.getLastGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The collector that runs System.gc()'s full collection: G1's "Old Generation", Serial/Parallel's. */
    private static boolean isFullCollector(String name) {
        return name.contains("Old") || name.contains("MarkSweep");
    }

    private static final long PEAK_STEP = 4L << 20;
    private volatile String peakDetail = "";

    /** The classes holding most of the heap (the JVM's class histogram) and the main thread's stack. */
    private static String describe(long used) {
        StringBuilder sb = new StringBuilder("live heap ").append(used >> 20).append(" MB\n");
        try {
            Object histogram = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            histogram.toString().lines().limit(25).forEach(l -> sb.append(l).append('\n'));
        } catch (Exception e) {
            sb.append("no histogram: ").append(e).append('\n');
        }
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().equals("main")) {
                for (int i = 0; i < Math.min(stack.length, 40); i++) {
                    sb.append("  at ").append(stack[i]).append('\n');
                }
            }
        });
        return sb.toString();
    }

    /** The histogram and main stack at the last peak that rose by more than 4 MB. */
    String peakDetail() {
        return peakDetail;
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

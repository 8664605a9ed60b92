package io.cbec.etl.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
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
        // What holds the heap, and what the job is doing, at a new peak: described again once the peak has
        // risen by a step since the last description (a peak that creeps up in small steps is described too).
        if (used > peak.get() && used > describedAt + PEAK_STEP) {
            describedAt = used;
            peakDetail = describe(used);
        }
        peak.accumulateAndGet(used, Math::max);
        samples.incrementAndGet();
        if (TRACE != null) {
            trace.append(String.format("%d ms\t%.1f MB\t%s%n", (System.nanoTime() - started) / 1_000_000, used / 1e6,
                    jobFrame()));
        }
    }

    /** -Dbench.live-trace=FILE: every sample's live heap and the job's innermost project frame, to FILE. */
    private static final String TRACE = System.getProperty("bench.live-trace");
    private final StringBuilder trace = new StringBuilder();
    private final long started = System.nanoTime();

    private static String jobFrame() {
        for (StackTraceElement frame : mainStack()) {
            if (frame.getClassName().startsWith("io.cbec.etl.") && !frame.getClassName().contains(".bench.")) {
                return frame.getClassName().substring("io.cbec.etl.".length()) + "." + frame.getMethodName();
            }
        }
        return "-";
    }

    /** The job's thread ("main") stack, innermost frame first; empty once that thread has ended. */
    private static StackTraceElement[] mainStack() {
        for (var entry : Thread.getAllStackTraces().entrySet()) {
            if (entry.getKey().getName().equals("main")) {
                return entry.getValue();
            }
        }
        return new StackTraceElement[0];
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
    private long describedAt; // the sampler thread's own: the live heap the detail describes

    /** The classes holding most of the heap (the JVM's class histogram) and the main thread's stack. */
    private static String describe(long used) {
        StringBuilder sb = new StringBuilder("live heap ").append(used >> 20).append(" MB\n");
        // The main thread's stack first: it is what the job was doing at the peak. The histogram (its own
        // full collection) comes a moment later.
        StringBuilder stackText = new StringBuilder();
        StackTraceElement[] stack = mainStack();
        for (int i = 0; i < Math.min(stack.length, 40); i++) {
            stackText.append("  at ").append(stack[i]).append('\n');
        }
        try {
            Object histogram = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            histogram.toString().lines().limit(25).forEach(l -> sb.append(l).append('\n'));
        } catch (Exception e) {
            sb.append("no histogram: ").append(e).append('\n');
        }
        return sb.append(stackText).toString();
    }

    /** The histogram and main stack at the last peak that was more than 4 MB above the one described before. */
    String peakDetail() {
        return peakDetail;
    }

    /** Stops sampling after one last sample at the end of the run. */
    void stop() throws InterruptedException, IOException {
        running = false;
        thread.interrupt();
        thread.join();
        sample();
        if (TRACE != null) {
            Files.writeString(Path.of(TRACE), trace);
        }
    }

    long peak() {
        return peak.get();
    }

    long samples() {
        return samples.get();
    }
}

package io.cbec.etl.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak heap of this JVM, two ways: the largest heap in use right after any garbage collection (the live
 * set: what "memory flat in the number of rows" is about), and the sum of the heap pools' peak usage
 * (what the process touched, garbage included, so it mostly reflects the young generation's size).
 */
final class HeapWatch {

    private final AtomicLong peakAfterGc = new AtomicLong();

    private HeapWatch() {
    }

    static HeapWatch start() {
        HeapWatch watch = new HeapWatch();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                // Non-heap pools (metaspace, code cache) are in that map too: take heap pools only. Eden is
                // left out: it is empty after a young or full collection, but G1's concurrent-cycle pauses
                // (Remark, Cleanup) report it full of garbage, which is not live data.
                long used = 0;
                for (var entry : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeap(entry.getKey()) && !entry.getKey().contains("Eden")) {
                        used += entry.getValue().getUsed();
                    }
                }
                watch.peakAfterGc.accumulateAndGet(used, Math::max);
            }, null, null);
        }
        return watch;
    }

    private static boolean isHeap(String poolName) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals(poolName)) {
                return pool.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }

    /** Largest live heap seen after a collection; if no collection ran, the heap in use now. */
    long peakAfterGc() {
        long seen = peakAfterGc.get();
        return seen > 0 ? seen : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    long peakUsed() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}

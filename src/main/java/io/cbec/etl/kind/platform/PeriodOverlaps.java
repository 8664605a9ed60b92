package io.cbec.etl.kind.platform;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Figures of one platform, metric and country whose periods overlap at different granularities (daily
 * rows inside a monthly row, months inside a quarter or year): every sum over them would count those days
 * twice. Fed every figure in key order ({@link Figure#KEY_ORDER}), it pairs each figure with the coarser
 * figures whose period contains its start, and sums the pairs per pair of sheets and granularities.
 * <p>
 * In key order a coarse figure comes before the finer figures inside it, except those starting on the
 * same day, which come just before it (precisions sort fine to coarse): so it holds the coarse figures
 * still open per country, and the figures of the current start day. Repeats of one figure are held once
 * (with their first and last row), so memory is bounded by countries and sheets, not rows.
 */
final class PeriodOverlaps {

    /** A pair of sheets whose figures overlap: the finer and the coarser granularity, countries, days and rows. */
    record Overlap(String platform, String metric, String finePrecision, String coarsePrecision, int fineFile,
                   int fineSheet, int coarseFile, int coarseSheet, int countries, String firstCountry,
                   LocalDate from, LocalDate to, int fineFirst, int fineLast, int coarseFirst, int coarseLast) { }

    private static final Comparator<Overlap> LISTING_ORDER = Comparator.comparing(Overlap::platform)
            .thenComparing(Overlap::metric).thenComparingInt(Overlap::fineFile).thenComparingInt(Overlap::fineSheet)
            .thenComparingInt(Overlap::coarseFile).thenComparingInt(Overlap::coarseSheet)
            .thenComparing(Overlap::finePrecision).thenComparing(Overlap::coarsePrecision);

    /** Figures of one key and sheet (a repeated row is one entry): their period and first and last row. */
    private static final class Held {
        final LocalDate start;
        final LocalDate after;
        final String precision;
        final int rank;
        final int fileNo;
        final int sheetNo;
        int firstRow;
        int lastRow;

        Held(Figure f, int rank) {
            this.start = f.period();
            this.after = end(f.period(), f.precision());
            this.precision = f.precision();
            this.rank = rank;
            this.fileNo = f.fileNo();
            this.sheetNo = f.sheetNo();
            this.firstRow = f.row();
            this.lastRow = f.row();
        }

        boolean sameAs(Figure f) {
            return start.equals(f.period()) && precision.equals(f.precision()) && fileNo == f.fileNo()
                    && sheetNo == f.sheetNo();
        }

        void add(int row) {
            firstRow = Math.min(firstRow, row);
            lastRow = Math.max(lastRow, row);
        }
    }

    private record PairKey(String finePrecision, String coarsePrecision, int fineFile, int fineSheet, int coarseFile,
                           int coarseSheet) { }

    private static final class Pair {
        final Set<String> countries = new HashSet<>();
        String firstCountry;
        LocalDate from;
        LocalDate to;
        int fineFirst = Integer.MAX_VALUE;
        int fineLast = Integer.MIN_VALUE;
        int coarseFirst = Integer.MAX_VALUE;
        int coarseLast = Integer.MIN_VALUE;
    }

    private final int limit;
    private final List<Overlap> found = new ArrayList<>();
    private String platform;
    private String metric;
    private LocalDate start;
    private final Map<String, List<Held>> open = new HashMap<>();
    private final Map<String, List<Held>> atStart = new HashMap<>();
    private final Map<PairKey, Pair> pairs = new HashMap<>();

    /** Keeps the first {@code limit} overlaps in listing order. */
    PeriodOverlaps(int limit) {
        this.limit = limit;
    }

    void add(Figure f) {
        if (!f.platform().equals(platform) || !f.metric().equals(metric)) {
            endGroup();
            platform = f.platform();
            metric = f.metric();
        }
        if (!f.period().equals(start)) {
            start = f.period();
            atStart.clear();
        }
        int rank = rank(f.precision());
        List<Held> coarser = open.get(f.country());
        if (coarser != null) {
            for (Iterator<Held> it = coarser.iterator(); it.hasNext(); ) {
                Held c = it.next();
                if (!c.after.isAfter(f.period())) {
                    it.remove(); // ended before this figure's start, so before every later one
                } else if (c.rank > rank) {
                    pair(f.country(), f.precision(), f.fileNo(), f.sheetNo(), f.period(), f.row(), f.row(), c);
                }
            }
        }
        List<Held> sameDay = atStart.computeIfAbsent(f.country(), k -> new ArrayList<>(2));
        if (rank > 1) {
            Held self = hold(open.computeIfAbsent(f.country(), k -> new ArrayList<>(2)), f, rank);
            for (Held finer : sameDay) {
                if (finer.rank < rank) {
                    pair(f.country(), finer.precision, finer.fileNo, finer.sheetNo, finer.start, finer.firstRow,
                            finer.lastRow, self);
                }
            }
        }
        hold(sameDay, f, rank);
    }

    private static Held hold(List<Held> list, Figure f, int rank) {
        for (Held h : list) {
            if (h.sameAs(f)) {
                h.add(f.row());
                return h;
            }
        }
        Held h = new Held(f, rank);
        list.add(h);
        return h;
    }

    private void pair(String country, String finePrecision, int fineFile, int fineSheet, LocalDate fineStart,
                      int fineFirst, int fineLast, Held coarse) {
        Pair p = pairs.computeIfAbsent(new PairKey(finePrecision, coarse.precision, fineFile, fineSheet,
                coarse.fileNo, coarse.sheetNo), k -> new Pair());
        p.countries.add(country);
        if (p.firstCountry == null || country.compareTo(p.firstCountry) < 0) {
            p.firstCountry = country;
        }
        p.from = p.from == null || fineStart.isBefore(p.from) ? fineStart : p.from;
        p.to = p.to == null || fineStart.isAfter(p.to) ? fineStart : p.to;
        p.fineFirst = Math.min(p.fineFirst, fineFirst);
        p.fineLast = Math.max(p.fineLast, fineLast);
        p.coarseFirst = Math.min(p.coarseFirst, coarse.firstRow);
        p.coarseLast = Math.max(p.coarseLast, coarse.lastRow);
    }

    private void endGroup() {
        for (Map.Entry<PairKey, Pair> e : pairs.entrySet()) {
            PairKey k = e.getKey();
            Pair p = e.getValue();
            found.add(new Overlap(platform, metric, k.finePrecision(), k.coarsePrecision(), k.fineFile(),
                    k.fineSheet(), k.coarseFile(), k.coarseSheet(), p.countries.size(), p.firstCountry, p.from, p.to,
                    p.fineFirst, p.fineLast, p.coarseFirst, p.coarseLast));
        }
        found.sort(LISTING_ORDER);
        if (found.size() > limit) {
            found.subList(limit, found.size()).clear();
        }
        pairs.clear();
        open.clear();
        atStart.clear();
        start = null;
    }

    /** The overlaps found, at most the limit, in listing order. */
    List<Overlap> finish() {
        endGroup();
        return List.copyOf(found);
    }

    static int rank(String precision) {
        return switch (precision) {
            case "DAY" -> 1;
            case "MONTH" -> 2;
            case "QUARTER" -> 3;
            default -> 4;
        };
    }

    /** The first day after a period: a month, quarter or year after its start (the SQL check's DATEADD). */
    private static LocalDate end(LocalDate start, String precision) {
        return switch (precision) {
            case "DAY" -> start.plusDays(1);
            case "MONTH" -> start.plusMonths(1);
            case "QUARTER" -> start.plusMonths(3);
            default -> start.plusYears(1);
        };
    }
}

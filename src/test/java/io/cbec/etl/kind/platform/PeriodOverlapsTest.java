package io.cbec.etl.kind.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streamed period-overlap check finds exactly what a join of every coarse figure with every finer
 * figure inside its period finds (the SQL it replaced), on random mixes of days, months, quarters and years
 * from several sheets, repeats included.
 */
class PeriodOverlapsTest {

    private static final List<String> PRECISIONS = List.of("DAY", "MONTH", "QUARTER", "YEAR");

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void findsWhatTheJoinFinds(int seed) {
        Random random = new Random(seed);
        List<Figure> figures = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String precision = PRECISIONS.get(random.nextInt(PRECISIONS.size()));
            LocalDate day = LocalDate.of(2022, 11, 1).plusDays(random.nextInt(500));
            LocalDate start = switch (precision) {
                case "DAY" -> day;
                case "MONTH" -> day.withDayOfMonth(1);
                case "QUARTER" -> day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
                default -> day.withDayOfYear(1);
            };
            figures.add(new Figure(random.nextInt(4) == 0 ? "SHEIN" : "Temu", null, "downloads", start, precision,
                    List.of("US", "CA", "MX").get(random.nextInt(3)), 1 + random.nextInt(2), 1 + random.nextInt(2),
                    2 + i, BigDecimal.ONE));
        }
        figures.sort(Figure.KEY_ORDER);
        PeriodOverlaps streamed = new PeriodOverlaps(10_000);
        figures.forEach(streamed::add);

        assertThat(streamed.finish()).containsExactlyElementsOf(joined(figures));
    }

    /** Every (finer, coarser) pair of one platform, metric and country, summed per sheets and granularities. */
    private static List<PeriodOverlaps.Overlap> joined(List<Figure> figures) {
        record Key(String platform, String metric, String fine, String coarse, int fineFile, int fineSheet,
                   int coarseFile, int coarseSheet) { }
        Map<Key, List<Figure[]>> pairs = new HashMap<>();
        for (Figure c : figures) {
            if (c.precision().equals("DAY")) {
                continue;
            }
            LocalDate after = switch (c.precision()) {
                case "MONTH" -> c.period().plusMonths(1);
                case "QUARTER" -> c.period().plusMonths(3);
                default -> c.period().plusYears(1);
            };
            for (Figure m : figures) {
                if (m.platform().equals(c.platform()) && m.metric().equals(c.metric()) && m.country().equals(c.country())
                        && !m.period().isBefore(c.period()) && m.period().isBefore(after)
                        && PeriodOverlaps.rank(m.precision()) < PeriodOverlaps.rank(c.precision())) {
                    pairs.computeIfAbsent(new Key(c.platform(), c.metric(), m.precision(), c.precision(), m.fileNo(),
                            m.sheetNo(), c.fileNo(), c.sheetNo()), k -> new ArrayList<>()).add(new Figure[] {m, c});
                }
            }
        }
        List<PeriodOverlaps.Overlap> overlaps = new ArrayList<>();
        pairs.forEach((k, list) -> {
            TreeSet<String> countries = new TreeSet<>();
            list.forEach(p -> countries.add(p[1].country()));
            overlaps.add(new PeriodOverlaps.Overlap(k.platform(), k.metric(), k.fine(), k.coarse(), k.fineFile(),
                    k.fineSheet(), k.coarseFile(), k.coarseSheet(), countries.size(), countries.first(),
                    list.stream().map(p -> p[0].period()).min(Comparator.naturalOrder()).orElseThrow(),
                    list.stream().map(p -> p[0].period()).max(Comparator.naturalOrder()).orElseThrow(),
                    list.stream().mapToInt(p -> p[0].row()).min().orElseThrow(),
                    list.stream().mapToInt(p -> p[0].row()).max().orElseThrow(),
                    list.stream().mapToInt(p -> p[1].row()).min().orElseThrow(),
                    list.stream().mapToInt(p -> p[1].row()).max().orElseThrow()));
        });
        overlaps.sort(Comparator.comparing(PeriodOverlaps.Overlap::platform).thenComparing(PeriodOverlaps.Overlap::metric)
                .thenComparingInt(PeriodOverlaps.Overlap::fineFile).thenComparingInt(PeriodOverlaps.Overlap::fineSheet)
                .thenComparingInt(PeriodOverlaps.Overlap::coarseFile).thenComparingInt(PeriodOverlaps.Overlap::coarseSheet)
                .thenComparing(PeriodOverlaps.Overlap::finePrecision).thenComparing(PeriodOverlaps.Overlap::coarsePrecision));
        return overlaps;
    }
}

package io.cbec.etl.normalise;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A reporting period of whole months: a month, a quarter, a year, or a run of months such as the
 * cumulative "2024年1-6月" that Chinese statistics bulletins use. Figures are summed only over equal
 * periods, so the period is kept as its first and last day.
 *
 * <p>{@link #label()} is the form reports show: 2024-03, 2024Q1, 2024, or 2024-01/2024-06 (ISO 8601
 * interval of months) for any other run of months.
 */
public record Period(LocalDate start, LocalDate end) {

    public Period {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.getDayOfMonth() != 1 || end.plusDays(1).getDayOfMonth() != 1 || end.isBefore(start)) {
            throw new IllegalArgumentException("a period runs over whole months: " + start + " to " + end);
        }
    }

    /** A month, quarter or year date as a period. Day-precision dates are not periods. */
    public static Period of(PartialDate date) {
        if (date.precision() == Precision.DAY) {
            throw new IllegalArgumentException("a day is not a reporting period: " + date);
        }
        return new Period(date.start(), date.end());
    }

    public static Period months(int year, int firstMonth, int lastMonth) {
        LocalDate start = LocalDate.of(year, firstMonth, 1);
        return new Period(start, LocalDate.of(year, lastMonth, 1).plusMonths(1).minusDays(1));
    }

    /** Number of months covered. */
    public int monthCount() {
        return (end.getYear() - start.getYear()) * 12 + end.getMonthValue() - start.getMonthValue() + 1;
    }

    public boolean contains(Period other) {
        return !other.start.isBefore(start) && !other.end.isAfter(end);
    }

    /**
     * The month, calendar quarter or calendar year this period is, as a {@link PartialDate}; empty for any other
     * run of months (2024年1-6月, 2024-02/2024-04), which no precision holds.
     */
    public Optional<PartialDate> asDate() {
        int months = monthCount();
        if (months == 1) {
            return Optional.of(new PartialDate(start, Precision.MONTH));
        }
        if (months == 3 && (start.getMonthValue() - 1) % 3 == 0) {
            return Optional.of(new PartialDate(start, Precision.QUARTER));
        }
        if (months == 12 && start.getMonthValue() == 1) {
            return Optional.of(new PartialDate(start, Precision.YEAR));
        }
        return Optional.empty();
    }

    public String label() {
        return asDate().map(PartialDate::toString).orElseGet(() -> String.format("%04d-%02d/%04d-%02d",
                start.getYear(), start.getMonthValue(), end.getYear(), end.getMonthValue()));
    }

    @Override
    public String toString() {
        return label();
    }
}

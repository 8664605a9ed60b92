package io.cbec.etl.normalise;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A date known to a given precision, kept as the first day of the period it names. Batch 6 of the
 * pilot zones, for one, is only known to the month (2022-01); indicators come by month or quarter.
 *
 * <p>{@link #toString()} is the form reports show: 2022-11-14, 2022-11, 2022Q4, 2022.
 *
 * @param start     first day of the period
 * @param precision how much of the date is known
 */
public record PartialDate(LocalDate start, Precision precision) {

    public PartialDate {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(precision, "precision");
        boolean aligned = switch (precision) {
            case DAY -> true;
            case MONTH -> start.getDayOfMonth() == 1;
            case QUARTER -> start.getDayOfMonth() == 1 && (start.getMonthValue() - 1) % 3 == 0;
            case YEAR -> start.getDayOfYear() == 1;
        };
        if (!aligned) {
            throw new IllegalArgumentException(start + " is not the first day of a " + precision.name().toLowerCase());
        }
    }

    public static PartialDate ofDay(LocalDate day) {
        return new PartialDate(day, Precision.DAY);
    }

    public static PartialDate ofMonth(int year, int month) {
        return new PartialDate(LocalDate.of(year, month, 1), Precision.MONTH);
    }

    public static PartialDate ofQuarter(int year, int quarter) {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("quarter must be 1 to 4: " + quarter);
        }
        return new PartialDate(LocalDate.of(year, quarter * 3 - 2, 1), Precision.QUARTER);
    }

    public static PartialDate ofYear(int year) {
        return new PartialDate(LocalDate.of(year, 1, 1), Precision.YEAR);
    }

    /** Last day of the period. */
    public LocalDate end() {
        return switch (precision) {
            case DAY -> start;
            case MONTH -> start.plusMonths(1).minusDays(1);
            case QUARTER -> start.plusMonths(3).minusDays(1);
            case YEAR -> start.plusYears(1).minusDays(1);
        };
    }

    @Override
    public String toString() {
        return switch (precision) {
            case DAY -> start.toString();
            case MONTH -> String.format("%04d-%02d", start.getYear(), start.getMonthValue());
            case QUARTER -> start.getYear() + "Q" + ((start.getMonthValue() - 1) / 3 + 1);
            case YEAR -> Integer.toString(start.getYear());
        };
    }
}

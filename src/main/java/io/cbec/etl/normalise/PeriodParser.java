package io.cbec.etl.normalise;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads reporting periods: everything {@link DateParser} reads at month, quarter or year precision
 * (2024-03, 2024年3月, Mar 2024, 2024Q1, 2024年第一季度, 2024, 2024年), plus runs of months: 2024年1-6月,
 * 2024年1月-6月, 2024年1至6月, 2024-01/2024-06, 2024-01..2024-06, Jan-Jun 2024, 2024H1, 2024年上半年.
 * A day is not a period and is rejected.
 */
public final class PeriodParser {

    private static final String YEAR = "(\\d{4})\\s*";
    private static final Pattern CHINESE_MONTH_RUN =
            Pattern.compile(YEAR + "年\\s*(\\d{1,2})\\s*月?\\s*(?:-|–|—|~|～|至|到)\\s*(\\d{1,2})\\s*月(?:份)?(?:累计)?");
    private static final Pattern ISO_MONTH_RUN =
            Pattern.compile("(\\d{4})-(\\d{1,2})\\s*(?:/|\\.\\.|–|至)\\s*(\\d{4})-(\\d{1,2})");
    private static final String MONTH_NAME = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
    private static final Pattern NAMED_MONTH_RUN =
            Pattern.compile(MONTH_NAME + "\\s*(?:-|–|to)\\s*" + MONTH_NAME + "\\s*,?\\s*(\\d{4})");
    private static final Pattern HALF = Pattern.compile(YEAR + "(?:年\\s*)?(?:h([12])|([上下])半年)");
    private static final Pattern CHINESE_YEAR_IN_TITLE = Pattern.compile("(?<!\\d)(\\d{4})\\s*年(?:度)?(?!\\s*\\d{1,2}\\s*月)");
    private static final Pattern BARE_YEAR = Pattern.compile("(?<![\\d〔\\[(（-])(20\\d{2})(?![\\d〕\\])）号-])");
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private PeriodParser() {
    }

    /** A period from a cell's text; see the class comment for the forms read. */
    public static Parsed<Period> parse(String text) {
        String cleaned = TextNormaliser.clean(text);
        String s = cleaned.toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return Parsed.failed("no period given");
        }
        Optional<Parsed<Period>> run = run(s, true);
        if (run.isPresent()) {
            return run.get();
        }
        Parsed<PartialDate> date = DateParser.parse(cleaned);
        if (!date.ok()) {
            return Parsed.failed("not a period: " + cleaned + " (write e.g. 2024-03, 2024Q1, 2024 or 2024年1-6月)");
        }
        if (date.value().precision() == Precision.DAY) {
            return Parsed.failed("a day is not a reporting period: " + cleaned + " (write the month, e.g. "
                    + date.value().toString().substring(0, 7) + ")");
        }
        return Parsed.ok(Period.of(date.value()));
    }

    /**
     * The period a title or sheet name states: "2024年1-6月各综试区跨境电商主要指标", "2024年第一季度",
     * "Q1 2024", "2024年跨境电商进出口额", a sheet named "2024" or "2024H1". The first one written wins.
     * Years inside document numbers ("国函〔2022〕126号") are not periods.
     */
    public static Optional<Period> findInTitle(String title) {
        if (title == null) {
            return Optional.empty();
        }
        String s = TextNormaliser.clean(title).toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Optional<Parsed<Period>> run = run(s, false);
        if (run.isPresent() && run.get().ok()) {
            return Optional.of(run.get().value());
        }
        Optional<PartialDate> date = DateParser.findInTitle(s);
        if (date.isPresent() && date.get().precision() != Precision.DAY) {
            return Optional.of(Period.of(date.get()));
        }
        Matcher year = CHINESE_YEAR_IN_TITLE.matcher(s);
        if (year.find()) {
            return Optional.of(Period.months(Integer.parseInt(year.group(1)), 1, 12));
        }
        Matcher bare = BARE_YEAR.matcher(s);
        return bare.find() ? Optional.of(Period.months(Integer.parseInt(bare.group(1)), 1, 12)) : Optional.empty();
    }

    /** A run of months written in full ({@code whole}) or found inside a longer text. */
    private static Optional<Parsed<Period>> run(String s, boolean whole) {
        Matcher m = CHINESE_MONTH_RUN.matcher(s);
        if (whole ? m.matches() : m.find()) {
            return Optional.of(months(m.group(1), m.group(2), m.group(1), m.group(3), m.group()));
        }
        m = ISO_MONTH_RUN.matcher(s);
        if (whole ? m.matches() : m.find()) {
            return Optional.of(months(m.group(1), m.group(2), m.group(3), m.group(4), m.group()));
        }
        m = NAMED_MONTH_RUN.matcher(s);
        if (whole ? m.matches() : m.find()) {
            return Optional.of(months(m.group(3), Integer.toString(MONTHS.indexOf(m.group(1)) / 3 + 1), m.group(3),
                    Integer.toString(MONTHS.indexOf(m.group(2)) / 3 + 1), m.group()));
        }
        m = HALF.matcher(s);
        if (whole ? m.matches() : m.find()) {
            boolean first = "1".equals(m.group(2)) || "上".equals(m.group(3));
            return Optional.of(months(m.group(1), first ? "1" : "7", m.group(1), first ? "6" : "12", m.group()));
        }
        return Optional.empty();
    }

    private static Parsed<Period> months(String startYear, String startMonth, String endYear, String endMonth,
                                         String raw) {
        int y1 = Integer.parseInt(startYear);
        int y2 = Integer.parseInt(endYear);
        int m1 = Integer.parseInt(startMonth);
        int m2 = Integer.parseInt(endMonth);
        if (y1 < DateParser.MIN_YEAR || y2 > DateParser.MAX_YEAR) {
            return Parsed.failed("year out of range in " + raw);
        }
        if (m1 < 1 || m1 > 12 || m2 < 1 || m2 > 12 || y2 * 12 + m2 < y1 * 12 + m1) {
            return Parsed.failed("no such run of months: " + raw);
        }
        return Parsed.ok(new Period(java.time.LocalDate.of(y1, m1, 1),
                java.time.LocalDate.of(y2, m2, 1).plusMonths(1).minusDays(1)));
    }
}

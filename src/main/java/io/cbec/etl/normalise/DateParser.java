package io.cbec.etl.normalise;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dates and periods as people type them in Chinese and English spreadsheets.
 *
 * <p>Accepted: 2022-11-14, 2022/11/14, 2022.11.14, 20221114, 14 Nov 2022, 14-Nov-2022,
 * 14 November 2022, November 14, 2022, Nov 14 2022, 2022年11月14日, 2022年11月14号 (day);
 * 2022年11月, 2022-11, 2022/11, 11/2022, Nov 2022, November 2022 (month); 2022Q4, 2022 Q4, Q4 2022,
 * 2022年第四季度, 2022年四季度 (quarter); 2022年, 2022 (year). Full-width digits are read as digits.
 *
 * <p>Day-first and month-first numeric dates (11/04/2022, 04-11-2022) are read only when a single
 * reading exists: both parts equal (05/05/2022), or one part above 12 so it can only be the day
 * (14/11/2022 is 14 Nov 2022; 11/14/2022 is 14 Nov 2022 too). Otherwise the cell is rejected as
 * ambiguous rather than guessed, because the same workbook may hold dates from both conventions.
 * Two-digit years (22-11-14, 14/11/22) are rejected: the century is a guess and so is the order.
 * Years outside 1900-2100 are rejected as typing errors.
 */
public final class DateParser {

    static final int MIN_YEAR = 1900;
    static final int MAX_YEAR = 2100;

    private static final String MONTH_NAME = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
            + "|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
    private static final String ORDINAL_SUFFIX = "(?:st|nd|rd|th)?";
    private static final String CHINESE_QUARTER = "(?:第\\s*)?([一二三四1-4])\\s*季度?|q([1-4])";

    private static final Pattern YEAR_MONTH_DAY =
            Pattern.compile("(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?:[ t]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern CHINESE_DAY = Pattern.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]?");
    private static final Pattern CHINESE_MONTH = Pattern.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月份?");
    private static final Pattern CHINESE_QUARTER_OF_YEAR = Pattern.compile("(\\d{4})\\s*年\\s*(?:" + CHINESE_QUARTER + ")");
    private static final Pattern CHINESE_YEAR = Pattern.compile("(\\d{4})\\s*年度?");
    private static final Pattern DAY_MONTH_NAME_YEAR =
            Pattern.compile("(\\d{1,2})" + ORDINAL_SUFFIX + "[\\s-]*" + MONTH_NAME + "[\\s,-]*(\\d{2,4})");
    private static final Pattern MONTH_NAME_DAY_YEAR =
            Pattern.compile(MONTH_NAME + "\\s*(\\d{1,2})" + ORDINAL_SUFFIX + "\\s*,?\\s+(\\d{2,4})");
    private static final Pattern MONTH_NAME_YEAR = Pattern.compile(MONTH_NAME + "[\\s,'-]*(\\d{2,4})");
    private static final Pattern YEAR_MONTH = Pattern.compile("(\\d{4})[-/.](\\d{1,2})");
    private static final Pattern MONTH_YEAR = Pattern.compile("(\\d{1,2})[-/.](\\d{4})");
    private static final Pattern YEAR_QUARTER = Pattern.compile("(\\d{4})\\s*[-/]?\\s*q([1-4])");
    private static final Pattern QUARTER_YEAR = Pattern.compile("q([1-4])\\s*[-/]?\\s*(\\d{4})");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})(?:\\.0+)?");
    private static final Pattern NUMERIC_DAY_MONTH_YEAR = Pattern.compile("(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4})");
    private static final Pattern TWO_DIGIT_YEAR = Pattern.compile("(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{2})");

    /**
     * One accepted form: the pattern it must match in full, and how a match (with the matched text as
     * the user wrote it, for messages) becomes a date.
     */
    private record Form(Pattern pattern, BiFunction<Matcher, String, Parsed<PartialDate>> read, boolean inTitles) {
    }

    private static final List<Form> FORMS = List.of(
            new Form(YEAR_MONTH_DAY, (m, raw) -> day(m.group(1), m.group(3), m.group(4)), true),
            new Form(COMPACT, (m, raw) -> day(m.group(1), m.group(2), m.group(3)), false),
            new Form(CHINESE_DAY, (m, raw) -> day(m.group(1), m.group(2), m.group(3)), true),
            new Form(CHINESE_MONTH, (m, raw) -> month(m.group(1), m.group(2)), true),
            new Form(CHINESE_QUARTER_OF_YEAR, (m, raw) -> quarter(m.group(1), m.group(2) != null ? m.group(2) : m.group(3)), true),
            new Form(CHINESE_YEAR, (m, raw) -> year(m.group(1)), false),
            new Form(DAY_MONTH_NAME_YEAR, (m, raw) -> namedMonthDay(m.group(3), m.group(2), m.group(1), raw), true),
            new Form(MONTH_NAME_DAY_YEAR, (m, raw) -> namedMonthDay(m.group(3), m.group(1), m.group(2), raw), true),
            new Form(MONTH_NAME_YEAR, (m, raw) -> namedMonth(m.group(2), m.group(1), raw), true),
            new Form(YEAR_MONTH, (m, raw) -> month(m.group(1), m.group(2)), true),
            new Form(MONTH_YEAR, (m, raw) -> month(m.group(2), m.group(1)), false),
            new Form(YEAR_QUARTER, (m, raw) -> quarter(m.group(1), m.group(2)), true),
            new Form(QUARTER_YEAR, (m, raw) -> quarter(m.group(2), m.group(1)), true),
            new Form(YEAR, (m, raw) -> year(m.group(1)), false),
            new Form(NUMERIC_DAY_MONTH_YEAR, (m, raw) -> dayOrMonthFirst(m), true),
            new Form(TWO_DIGIT_YEAR, (m, raw) -> twoDigitYear(raw), false));

    /** Title search: the same forms, not glued to neighbouring digits or letters. */
    // "2022-02-30" must not yield the month 2022-02: a date part next to a separator and a digit is
    // part of a longer date.
    private static final List<Form> TITLE_FORMS = FORMS.stream()
            .filter(Form::inTitles)
            .map(f -> new Form(Pattern.compile("(?<![0-9a-z]|\\d[-/.])(?:" + f.pattern().pattern()
                    + ")(?![0-9a-z]|[-/.]\\d)"), f.read(), true))
            .toList();

    private DateParser() {
    }

    /** A date or period from a text cell; see the class comment for the forms read. */
    public static Parsed<PartialDate> parse(String text) {
        String cleaned = TextNormaliser.clean(text);
        String s = cleaned.toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return Parsed.failed("no date given");
        }
        for (Form form : FORMS) {
            Matcher m = form.pattern().matcher(s);
            if (m.matches()) {
                return form.read().apply(m, cleaned);
            }
        }
        return Parsed.failed("not a date: " + TextNormaliser.clean(text) + " (write e.g. 2022-11-14, 2022-11 or 2022Q4)");
    }

    /**
     * The first date (day, month or quarter) written in a title, such as "Batch 7 (approved 14 Nov
     * 2022)" or "（2022年11月14日批复）". A bare year is not taken: titles carry years that are not
     * approval dates ("国函〔2022〕126号", "2015-2022").
     */
    public static Optional<PartialDate> findInTitle(String title) {
        String cleaned = TextNormaliser.clean(title);
        String s = cleaned.toLowerCase(Locale.ROOT);
        int bestStart = Integer.MAX_VALUE;
        int bestLength = 0;
        PartialDate best = null;
        for (Form form : TITLE_FORMS) {
            Matcher m = form.pattern().matcher(s);
            while (m.find()) {
                int length = m.end() - m.start();
                if (m.start() > bestStart || (m.start() == bestStart && length <= bestLength)) {
                    continue;
                }
                String raw = s.length() == cleaned.length() ? cleaned.substring(m.start(), m.end()) : m.group();
                Parsed<PartialDate> date = form.read().apply(m, raw);
                if (date.ok()) {
                    bestStart = m.start();
                    bestLength = length;
                    best = date.value();
                    break;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** A real date cell (already converted from the workbook's 1900 or 1904 date system). */
    public static PartialDate fromDateTime(LocalDateTime dateTime) {
        return PartialDate.ofDay(dateTime.toLocalDate());
    }

    private static Parsed<PartialDate> day(String year, String month, String day) {
        Parsed<Integer> y = checkedYear(year);
        if (!y.ok()) {
            return Parsed.failed(y.error());
        }
        try {
            return Parsed.ok(PartialDate.ofDay(LocalDate.of(y.value(), Integer.parseInt(month), Integer.parseInt(day))));
        } catch (DateTimeException e) {
            return Parsed.failed(String.format("no such date: %s-%02d-%02d", year, Integer.parseInt(month), Integer.parseInt(day)));
        }
    }

    private static Parsed<PartialDate> month(String year, String month) {
        Parsed<Integer> y = checkedYear(year);
        if (!y.ok()) {
            return Parsed.failed(y.error());
        }
        int m = Integer.parseInt(month);
        return m >= 1 && m <= 12 ? Parsed.ok(PartialDate.ofMonth(y.value(), m))
                : Parsed.failed("no such month: " + year + "-" + month);
    }

    private static Parsed<PartialDate> quarter(String year, String quarter) {
        Parsed<Integer> y = checkedYear(year);
        if (!y.ok()) {
            return Parsed.failed(y.error());
        }
        OptionalInt q = SmallNumberWords.chinese(quarter);
        return Parsed.ok(PartialDate.ofQuarter(y.value(), q.isPresent() ? q.getAsInt() : Integer.parseInt(quarter)));
    }

    private static Parsed<PartialDate> year(String year) {
        return checkedYear(year).map(PartialDate::ofYear);
    }

    private static Parsed<PartialDate> namedMonthDay(String year, String monthName, String day, String raw) {
        return year.length() == 4 ? day(year, Integer.toString(monthNumber(monthName)), day) : twoDigitYear(raw);
    }

    private static Parsed<PartialDate> namedMonth(String year, String monthName, String raw) {
        // "Nov 22" may be 22 November with the year left out, or November 2022: either way, ask.
        return year.length() == 4 ? month(year, Integer.toString(monthNumber(monthName)))
                : Parsed.failed("no year or a two-digit year in " + raw + ": write e.g. 2022-11 or 2022-11-22");
    }

    private static Parsed<PartialDate> dayOrMonthFirst(Matcher m) {
        int first = Integer.parseInt(m.group(1));
        int second = Integer.parseInt(m.group(3));
        Parsed<PartialDate> dayFirst = day(m.group(4), Integer.toString(second), Integer.toString(first));
        Parsed<PartialDate> monthFirst = day(m.group(4), Integer.toString(first), Integer.toString(second));
        if (dayFirst.ok() && monthFirst.ok() && !dayFirst.equals(monthFirst)) {
            return Parsed.failed("ambiguous day/month order in " + m.group() + ": write "
                    + dayFirst.value() + " or " + monthFirst.value());
        }
        if (dayFirst.ok()) {
            return dayFirst;
        }
        if (monthFirst.ok()) {
            return monthFirst;
        }
        return checkedYear(m.group(4)).ok() ? Parsed.failed("no such date: " + m.group()) : dayFirst;
    }

    private static Parsed<PartialDate> twoDigitYear(String raw) {
        return Parsed.failed("two-digit year in " + raw + ": write the year in full, e.g. 2022-11-14");
    }

    private static Parsed<Integer> checkedYear(String year) {
        int y = Integer.parseInt(year);
        return y >= MIN_YEAR && y <= MAX_YEAR ? Parsed.ok(y)
                : Parsed.failed("year out of range (" + MIN_YEAR + " to " + MAX_YEAR + "): " + year);
    }

    private static int monthNumber(String name) {
        return switch (name.substring(0, 3)) {
            case "jan" -> 1;
            case "feb" -> 2;
            case "mar" -> 3;
            case "apr" -> 4;
            case "may" -> 5;
            case "jun" -> 6;
            case "jul" -> 7;
            case "aug" -> 8;
            case "sep" -> 9;
            case "oct" -> 10;
            case "nov" -> 11;
            default -> 12;
        };
    }
}

package io.cbec.etl.kind.indicator;

import io.cbec.etl.normalise.TextNormaliser;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column header that names a month without its year, as monthly sheets write them: "1月", "01月",
 * "1月份", "一月", "Jan", "Jan.", "January". The year has to come from the title ("2024年跨境电商进出口额")
 * or the sheet name ("2024"); {@link SheetLayout} settles it once per sheet.
 */
final class MonthHeader {

    private static final Pattern DIGITS = Pattern.compile("(\\d{1,2})\\s*月份?");
    private static final Pattern CHINESE = Pattern.compile("(十[一二]?|[一二三四五六七八九])\\s*月份?");
    private static final Pattern ENGLISH = Pattern.compile("([a-z]+)\\.?");
    private static final List<String> CHINESE_NUMERALS =
            List.of("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二");
    private static final List<List<String>> ENGLISH_NAMES = List.of(List.of("jan", "january"),
            List.of("feb", "february"), List.of("mar", "march"), List.of("apr", "april"), List.of("may"),
            List.of("jun", "june"), List.of("jul", "july"), List.of("aug", "august"), List.of("sep", "sept", "september"),
            List.of("oct", "october"), List.of("nov", "november"), List.of("dec", "december"));

    private MonthHeader() {
    }

    /** The month 1-12 a header names without a year, or empty if it is not such a header. */
    static OptionalInt month(String header) {
        if (header == null) {
            return OptionalInt.empty();
        }
        String s = TextNormaliser.clean(header).toLowerCase(Locale.ROOT);
        Matcher m = DIGITS.matcher(s);
        if (m.matches()) {
            int month = Integer.parseInt(m.group(1));
            return month >= 1 && month <= 12 ? OptionalInt.of(month) : OptionalInt.empty();
        }
        m = CHINESE.matcher(s);
        if (m.matches()) {
            return OptionalInt.of(CHINESE_NUMERALS.indexOf(m.group(1)) + 1);
        }
        m = ENGLISH.matcher(s);
        if (m.matches()) {
            for (int i = 0; i < ENGLISH_NAMES.size(); i++) {
                if (ENGLISH_NAMES.get(i).contains(m.group(1))) {
                    return OptionalInt.of(i + 1);
                }
            }
        }
        return OptionalInt.empty();
    }
}

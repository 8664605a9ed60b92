package io.cbec.etl.normalise;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small whole numbers written as words, as batches and quarters are: Chinese numerals (七, 十, 二十三,
 * 两), Roman numerals (VII), English cardinals and ordinals (seven, seventh). Up to 99, which is all
 * that batches and quarters need.
 */
public final class SmallNumberWords {

    static final String CHINESE_DIGITS = "零〇一二两三四五六七八九十";
    static final Pattern ROMAN = Pattern.compile("(?i)(?=[ivxlc])(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})");

    private static final Map<String, Integer> ENGLISH = Map.ofEntries(
            Map.entry("one", 1), Map.entry("first", 1), Map.entry("two", 2), Map.entry("second", 2),
            Map.entry("three", 3), Map.entry("third", 3), Map.entry("four", 4), Map.entry("fourth", 4),
            Map.entry("five", 5), Map.entry("fifth", 5), Map.entry("six", 6), Map.entry("sixth", 6),
            Map.entry("seven", 7), Map.entry("seventh", 7), Map.entry("eight", 8), Map.entry("eighth", 8),
            Map.entry("nine", 9), Map.entry("ninth", 9), Map.entry("ten", 10), Map.entry("tenth", 10),
            Map.entry("eleven", 11), Map.entry("eleventh", 11), Map.entry("twelve", 12), Map.entry("twelfth", 12),
            Map.entry("thirteen", 13), Map.entry("thirteenth", 13), Map.entry("fourteen", 14),
            Map.entry("fourteenth", 14), Map.entry("fifteen", 15), Map.entry("fifteenth", 15),
            Map.entry("sixteen", 16), Map.entry("sixteenth", 16), Map.entry("seventeen", 17),
            Map.entry("seventeenth", 17), Map.entry("eighteen", 18), Map.entry("eighteenth", 18),
            Map.entry("nineteen", 19), Map.entry("nineteenth", 19), Map.entry("twenty", 20),
            Map.entry("twentieth", 20));

    /** English word pattern for use inside other patterns, longest words first so "seventeenth" wins. */
    static final String ENGLISH_WORD = ENGLISH.keySet().stream()
            .sorted((a, b) -> b.length() - a.length())
            .reduce((a, b) -> a + "|" + b).orElseThrow();

    // A count in words, as a stated total writes it after its marker ("五个", "三个试验区", "three zones"): the
    // word, then nothing that is another number, so "一共三个", "三至四个", "one hundred" are not read as one.
    private static final Pattern CHINESE_COUNT = Pattern.compile(
            "([" + CHINESE_DIGITS + "]{1,3})[^0-9" + CHINESE_DIGITS + "百千万亿]*");
    private static final String ENGLISH_CARDINAL = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
            + "|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty";
    private static final Pattern ENGLISH_COUNT = Pattern.compile("(?i)(" + ENGLISH_CARDINAL + ")(?![a-z])([^0-9]*)");
    private static final Pattern ENGLISH_NUMBER_WORD = Pattern.compile("(?i)(?<![a-z])(" + ENGLISH_WORD
            + "|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen)(?![a-z])");
    private static final Pattern LEADING_PUNCTUATION = Pattern.compile("^[\\p{P}\\s]+");

    private SmallNumberWords() {
    }

    /**
     * A count written in words: "五个", "两个", "十二个试验区", "three", "Three zones" (after any leading
     * punctuation, so "：五个" too); empty when the text is not one count in words.
     */
    public static OptionalInt count(String text) {
        String s = LEADING_PUNCTUATION.matcher(text).replaceFirst("");
        Matcher chinese = CHINESE_COUNT.matcher(s);
        if (chinese.matches()) {
            return chinese(chinese.group(1));
        }
        Matcher english = ENGLISH_COUNT.matcher(s);
        if (english.matches() && !ENGLISH_NUMBER_WORD.matcher(english.group(2)).find()) {
            return english(english.group(1));
        }
        return OptionalInt.empty();
    }

    /** 一 to 九十九 (十 alone, 十一, 二十, 二十三); also 两 and 〇/零 digits; empty if not a numeral. */
    static OptionalInt chinese(String text) {
        if (text.isEmpty() || text.chars().anyMatch(c -> CHINESE_DIGITS.indexOf(c) < 0)) {
            return OptionalInt.empty();
        }
        int ten = text.indexOf('十');
        if (ten < 0) {
            return text.length() == 1 ? OptionalInt.of(digit(text.charAt(0))) : OptionalInt.empty();
        }
        if (text.indexOf('十', ten + 1) >= 0 || ten > 1 || text.length() - ten > 2) {
            return OptionalInt.empty();
        }
        int tens = ten == 0 ? 1 : digit(text.charAt(0));
        int units = ten == text.length() - 1 ? 0 : digit(text.charAt(ten + 1));
        return tens > 0 && units >= 0 ? OptionalInt.of(tens * 10 + units) : OptionalInt.empty();
    }

    /** I to XCIX; empty if not a well-formed Roman numeral. */
    static OptionalInt roman(String text) {
        if (!ROMAN.matcher(text).matches()) {
            return OptionalInt.empty();
        }
        int total = 0;
        String s = text.toUpperCase(Locale.ROOT);
        for (int i = 0; i < s.length(); i++) {
            int value = romanDigit(s.charAt(i));
            total += i + 1 < s.length() && romanDigit(s.charAt(i + 1)) > value ? -value : value;
        }
        return OptionalInt.of(total);
    }

    /** "seven" or "seventh" (any case); empty if not one of the words up to twenty. */
    static OptionalInt english(String word) {
        Integer value = ENGLISH.get(word.toLowerCase(Locale.ROOT));
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    /** The value of a Chinese digit (〇/零 0, 一 1, 二/两 2 ... 九 9), or -1 for any other character. */
    public static int chineseDigit(char c) {
        return digit(c);
    }

    private static int digit(char c) {
        return switch (c) {
            case '零', '〇' -> 0;
            case '一' -> 1;
            case '二', '两' -> 2;
            case '三' -> 3;
            case '四' -> 4;
            case '五' -> 5;
            case '六' -> 6;
            case '七' -> 7;
            case '八' -> 8;
            case '九' -> 9;
            default -> -1;
        };
    }

    private static int romanDigit(char c) {
        return switch (c) {
            case 'I' -> 1;
            case 'V' -> 5;
            case 'X' -> 10;
            case 'L' -> 50;
            case 'C' -> 100;
            default -> 0;
        };
    }
}

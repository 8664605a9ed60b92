package io.cbec.etl.normalise;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the approval batch of a pilot zone (the State Council approved the zones in numbered batches)
 * and the State Council reply number, from cells, titles and sheet names.
 */
public final class BatchParser {

    /** Batches are numbered from 1; anything above this is a year or a count, not a batch. */
    static final int MAX_BATCH = 99;

    private static final Pattern QUOTES = Pattern.compile("^[\"'“”‘’]+|[\"'“”‘’]+$");
    private static final Pattern LABEL_BEFORE = Pattern.compile("^(?:batch|round)\\s*(?:no\\.?|number|#)?\\s*[-_:#.]?\\s*");
    private static final Pattern LABEL_AFTER = Pattern.compile("\\s*[-_]?\\s*(?:batch|round)$");
    private static final Pattern SHORT_LABEL = Pattern.compile("^b\\s*-?\\s*(\\d{1,2})$");
    private static final Pattern CHINESE_LABEL = Pattern.compile("^第?\\s*(.+?)\\s*批次?$");
    private static final Pattern WHOLE = Pattern.compile("^(\\d+)(?:\\.0+)?$");
    private static final Pattern FRACTION = Pattern.compile("^\\d+\\.\\d+$");
    private static final Pattern ORDINAL = Pattern.compile("^(\\d+)(?:st|nd|rd|th)$");

    private static final String NUMBER_TOKEN = "(\\d{1,2}|" + SmallNumberWords.ENGLISH_WORD + "|[ivx]{1,6})";
    private static final Pattern CHINESE_IN_TITLE =
            Pattern.compile("第\\s*(\\d{1,2}|[" + SmallNumberWords.CHINESE_DIGITS + "]{1,3})\\s*批");
    private static final Pattern LABEL_THEN_NUMBER = Pattern.compile(
            "(?i)\\b(?:batch|round)\\s*(?:no\\.?\\s*|#\\s*)?[-_:]?\\s*" + NUMBER_TOKEN + "(?![a-z0-9])");
    private static final Pattern NUMBER_THEN_LABEL = Pattern.compile(
            "(?i)(?<![a-z0-9])(\\d{1,2}(?:st|nd|rd|th)|" + SmallNumberWords.ENGLISH_WORD + "|[ivx]{1,6})\\s*[-_]?\\s*(?:batch|round)\\b");
    private static final Pattern SHORT_LABEL_IN_TITLE = Pattern.compile("(?i)(?<![a-z0-9])b\\s*-?\\s*(\\d{1,2})(?![a-z0-9])");

    private static final Pattern[] TITLE_PATTERNS =
            {CHINESE_IN_TITLE, LABEL_THEN_NUMBER, NUMBER_THEN_LABEL, SHORT_LABEL_IN_TITLE};

    private static final Pattern DOCUMENT = Pattern.compile(
            "(国办?[函发])\\s*[〔\\[(【]\\s*(\\d{4})\\s*[〕\\])】]\\s*第?\\s*(\\d{1,4})\\s*号?");

    private BatchParser() {
    }

    /**
     * A batch number from a cell: 7, "7", 7.0, 7th, seventh, Seventh batch, 第七批, 第7批, 七, VII,
     * Batch 7, batch-7, B7. Batches run from 1 to 99.
     */
    public static Parsed<Integer> parse(String text) {
        String s = QUOTES.matcher(TextNormaliser.clean(text)).replaceAll("").strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return Parsed.failed("no batch given");
        }
        Matcher shortLabel = SHORT_LABEL.matcher(s);
        if (shortLabel.matches()) {
            return inRange(Integer.parseInt(shortLabel.group(1)), text);
        }
        String token = LABEL_AFTER.matcher(LABEL_BEFORE.matcher(s).replaceFirst("")).replaceFirst("");
        Matcher chinese = CHINESE_LABEL.matcher(token);
        if (chinese.matches()) {
            token = chinese.group(1);
        }
        if (FRACTION.matcher(token).matches() && !WHOLE.matcher(token).matches()) {
            return Parsed.failed("batch must be a whole number: " + TextNormaliser.clean(text));
        }
        OptionalInt number = number(token);
        return number.isPresent() ? inRange(number.getAsInt(), text)
                : Parsed.failed("not a batch: " + TextNormaliser.clean(text) + " (write e.g. 7 or 第七批)");
    }

    /**
     * A batch named in a title or sheet name: "第七批跨境电子商务综合试验区名单（国函〔2022〕126号）",
     * "Batch 7 (approved 14 Nov 2022)", "Seventh batch", sheet names "第七批", "Batch 7", "B7", "batch7".
     * Only an explicit batch marker counts (批, batch, round, a B prefix): a bare number in a title is
     * more often a year or a count ("2022", "Sheet1"), so it is never taken for a batch.
     */
    public static Optional<Integer> findInTitle(String title) {
        String s = TextNormaliser.clean(title);
        int bestStart = Integer.MAX_VALUE;
        Integer batch = null;
        for (Pattern pattern : TITLE_PATTERNS) {
            Matcher m = pattern.matcher(s);
            while (m.find() && m.start() < bestStart) {
                OptionalInt number = number(m.group(1).toLowerCase(Locale.ROOT));
                if (number.isPresent() && number.getAsInt() >= 1 && number.getAsInt() <= MAX_BATCH) {
                    bestStart = m.start();
                    batch = number.getAsInt();
                    break;
                }
            }
        }
        return Optional.ofNullable(batch);
    }

    /**
     * A State Council document number in a title, normalised to the official brackets:
     * "国函[2022]126号", "国函（2022）126号", "国函【2022】126号" all give "国函〔2022〕126号".
     */
    public static Optional<String> findDocument(String title) {
        Matcher m = DOCUMENT.matcher(TextNormaliser.clean(title));
        return m.find()
                ? Optional.of(m.group(1) + "〔" + m.group(2) + "〕" + Integer.parseInt(m.group(3)) + "号")
                : Optional.empty();
    }

    private static OptionalInt number(String token) {
        Matcher whole = WHOLE.matcher(token);
        if (whole.matches()) {
            return whole.group(1).length() > 3 ? OptionalInt.of(Integer.MAX_VALUE) : OptionalInt.of(Integer.parseInt(whole.group(1)));
        }
        Matcher ordinal = ORDINAL.matcher(token);
        if (ordinal.matches() && ordinal.group(1).length() <= 3) {
            return OptionalInt.of(Integer.parseInt(ordinal.group(1)));
        }
        OptionalInt word = SmallNumberWords.english(token);
        if (word.isPresent()) {
            return word;
        }
        OptionalInt chinese = SmallNumberWords.chinese(token);
        return chinese.isPresent() ? chinese : SmallNumberWords.roman(token);
    }

    private static Parsed<Integer> inRange(int batch, String text) {
        return batch >= 1 && batch <= MAX_BATCH ? Parsed.ok(batch)
                : Parsed.failed("batch out of range (1 to " + MAX_BATCH + "): " + TextNormaliser.clean(text));
    }
}

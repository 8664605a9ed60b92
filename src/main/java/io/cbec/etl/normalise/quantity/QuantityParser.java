package io.cbec.etl.normalise.quantity;

import io.cbec.etl.normalise.Parsed;
import io.cbec.etl.normalise.SmallNumberWords;
import io.cbec.etl.normalise.TextNormaliser;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads figures as people write them in spreadsheets and press notes: "nearly 20 million", "1.2亿元",
 * "more than 90 percent", "10 to 15 days", "三至四天", "10,000 manufacturers", "(12)", "US$3.5bn".
 *
 * <p>The grammar is deliberately narrow: an optional sign or qualifier, an optional currency, a number
 * (digits, Chinese numerals or English words up to ninety-nine, with a scale), optionally a second
 * number making a range, then a unit, a qualifier suffix and free words. Anything that does not start
 * like that ("launched in the US in September 2022", "first US distribution centre") or carries a
 * second number is refused with a reason rather than guessed. Money is kept exact (BigDecimal).
 */
public final class QuantityParser {

    private static final String EN_END = "(?![a-z])";

    private static final Pattern SPACES = Pattern.compile("\\s*");
    private static final Pattern QUALIFIER_PREFIX = Pattern.compile(
            "(nearly|almost|close to|just under|just over|about|around|approximately|approx\\.?|roughly|some"
            + "|more than|over|above|in excess of|at least|no less than|not less than|no fewer than|not fewer than"
            + "|up to|at most|no more than|not more than|less than|fewer than|under|below"
            + ")" + EN_END + "\\s*"
            + "|(将近|接近|近|大约|约|超过|逾|至少|不少于|不低于|不超过|最多|不到|少于|不足|低于)\\s*");
    private static final Map<String, Qualifier> QUALIFIER_WORDS = Map.ofEntries(
            Map.entry("nearly", Qualifier.AT_MOST), Map.entry("almost", Qualifier.AT_MOST),
            Map.entry("close to", Qualifier.AT_MOST), Map.entry("just under", Qualifier.LESS_THAN),
            Map.entry("just over", Qualifier.MORE_THAN),
            Map.entry("about", Qualifier.ABOUT), Map.entry("around", Qualifier.ABOUT),
            Map.entry("approximately", Qualifier.ABOUT), Map.entry("approx", Qualifier.ABOUT),
            Map.entry("approx.", Qualifier.ABOUT), Map.entry("roughly", Qualifier.ABOUT),
            Map.entry("some", Qualifier.ABOUT),
            Map.entry("more than", Qualifier.MORE_THAN), Map.entry("over", Qualifier.MORE_THAN),
            Map.entry("above", Qualifier.MORE_THAN), Map.entry("in excess of", Qualifier.MORE_THAN),
            Map.entry("at least", Qualifier.AT_LEAST), Map.entry("no less than", Qualifier.AT_LEAST),
            Map.entry("not less than", Qualifier.AT_LEAST), Map.entry("no fewer than", Qualifier.AT_LEAST),
            Map.entry("not fewer than", Qualifier.AT_LEAST),
            Map.entry("up to", Qualifier.AT_MOST), Map.entry("at most", Qualifier.AT_MOST),
            Map.entry("no more than", Qualifier.AT_MOST), Map.entry("not more than", Qualifier.AT_MOST),
            Map.entry("less than", Qualifier.LESS_THAN), Map.entry("fewer than", Qualifier.LESS_THAN),
            Map.entry("under", Qualifier.LESS_THAN), Map.entry("below", Qualifier.LESS_THAN),
            Map.entry("将近", Qualifier.AT_MOST), Map.entry("接近", Qualifier.AT_MOST), Map.entry("近", Qualifier.AT_MOST),
            Map.entry("大约", Qualifier.ABOUT), Map.entry("约", Qualifier.ABOUT),
            Map.entry("超过", Qualifier.MORE_THAN), Map.entry("逾", Qualifier.MORE_THAN),
            Map.entry("至少", Qualifier.AT_LEAST), Map.entry("不少于", Qualifier.AT_LEAST),
            Map.entry("不低于", Qualifier.AT_LEAST),
            Map.entry("不超过", Qualifier.AT_MOST), Map.entry("最多", Qualifier.AT_MOST),
            Map.entry("不到", Qualifier.LESS_THAN), Map.entry("少于", Qualifier.LESS_THAN),
            Map.entry("不足", Qualifier.LESS_THAN), Map.entry("低于", Qualifier.LESS_THAN));
    /** Qualifier words shown as their own words rather than by their qualifier's ({@link Qualifier#word()}). */
    private static final Map<String, String> SHOWN_WORDS = Map.ofEntries(
            Map.entry("up to", "up to"), Map.entry("at most", "at most"), Map.entry("no more than", "at most"),
            Map.entry("not more than", "at most"), Map.entry("不超过", "at most"), Map.entry("最多", "at most"),
            Map.entry("以下", "at most"), Map.entry("以内", "at most"), Map.entry("or less", "at most"),
            Map.entry("or fewer", "at most"), Map.entry("or below", "at most"), Map.entry("and under", "at most"));
    private static final Pattern BETWEEN = Pattern.compile("between\\s+|介于\\s*");
    private static final Pattern MINUS = Pattern.compile("[-−]\\s*");
    private static final Pattern ACCOUNTING_NEGATIVE = Pattern.compile("\\((.+)\\)");

    // Currencies in front of the number. Unsupported ones are matched so they can be refused by name.
    private static final Pattern CURRENCY_PREFIX = Pattern.compile(
            "(us\\$|usd|rmb|cny|人民币|¥|\\$)\\s*"
            + "|(hk\\$|nt\\$|a\\$|c\\$|s\\$|nz\\$|r\\$|€|£|₩|₹|₽"
            + "|(?:eur|gbp|jpy|hkd|krw|inr|aud|cad|sgd|mop|twd|nzd|chf|rub|brl|myr|thb)" + EN_END + ")\\s*");
    private static final Pattern PERCENT_PREFIX = Pattern.compile("百分之\\s*");

    private static final Pattern ARABIC = Pattern.compile("(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]+)?|\\.[0-9]+");
    private static final Pattern CHINESE_NUMERAL = Pattern.compile("[零〇一二两三四五六七八九十百千万亿]+");
    private static final Pattern ENGLISH_NUMBER = Pattern.compile(
            "(?:(a)\\s+(?=hundred|thousand|million|billion))"
            + "|(a\\s+dozen|dozen" + "|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)" + EN_END + ")?"
            + "|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
            + "|sixteen|seventeen|eighteen|nineteen)" + EN_END);
    private static final Map<String, Integer> ENGLISH_WORDS = Map.ofEntries(
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
            Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15),
            Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
            Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
            Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("seventy", 70), Map.entry("eighty", 80),
            Map.entry("ninety", 90), Map.entry("dozen", 12), Map.entry("a dozen", 12));

    // "多" / "余" between a number and its scale or unit: 2000多万, 100余家 (more than).
    private static final Pattern MORE_MARK = Pattern.compile("[多余]");
    private static final Pattern ENGLISH_SCALE = Pattern.compile(
            "\\s*(hundred|thousand|million|billion|trillion|mn|mln|mio|bn|bln|m|k)" + EN_END);
    private static final Pattern CHINESE_SCALE = Pattern.compile("\\s*([十百千万亿]+)");
    /**
     * A scale word the grammar did not place ("5 million million", "5% million", "5 USD millions"): the
     * figure would be read a million times too small, so such a cell is refused, never read without it.
     */
    private static final Pattern LEFTOVER_SCALE = Pattern.compile(
            "(?<![\\p{L}])(hundreds?|thousands?|millions?|billions?|trillions?|mn|mln|bn|bln|mio)" + EN_END
            + "|^\\s*(m|k)" + EN_END);
    private static final Pattern RANGE_SEPARATOR = Pattern.compile("\\s*(?:to|and|or)" + EN_END + "\\s*|\\s*[-–—~至到]\\s*");

    private static final Pattern PERCENT_POINTS = Pattern.compile("\\s*(?:个百分点|percentage points?|pp" + EN_END + ")");
    private static final Pattern PERCENT = Pattern.compile("\\s*(?:%|percent" + EN_END + "|per cent" + EN_END + "|pct" + EN_END + ")");
    // Unsupported currencies are matched so they are refused by name: read as a noun, "5 新台币" would be a count.
    private static final Pattern MONEY_SUFFIX = Pattern.compile(
            "\\s*(美元|美金|人民币|元|yuan|rmb|cny|usd|us dollars?|dollars?|us\\$)" + EN_END
            + "|\\s*(欧元|日元|日圆|港元|港币|韩元|英镑|卢布|卢比|澳门元|澳门币|澳元|澳币|新台币|台币|新加坡元|新元|加元|加币"
            + "|瑞士法郎|泰铢|越南盾|林吉特|雷亚尔|比索|里拉"
            + "|euros?|eur|gbp|pounds|yen|jpy|hkd|rupees?|won|mop|twd|aud|cad|sgd|krw|inr|nzd|chf|rub|brl|myr|thb)" + EN_END);
    private static final Pattern DAYS = Pattern.compile(
            "\\s*(?:(?:working |business |calendar )?days?|个工作日|工作日|天|日)" + EN_END);
    private static final Pattern WEEKS = Pattern.compile("\\s*(?:weeks?|周|星期|个星期)" + EN_END);
    private static final Pattern OTHER_DURATION = Pattern.compile(
            "\\s*(?:hours?|hrs?|minutes?|months?|years?|小时|分钟|个月|月|年)" + EN_END);
    private static final Pattern CLASSIFIER = Pattern.compile("\\s*(?:个|家|座|件|名|款|项|所|次|单|台|辆|种|处|批|人)");
    private static final Pattern QUALIFIER_SUFFIX = Pattern.compile(
            "\\s*(左右|上下|以上|以下|以内|之多)"
            + "|\\s*(or more|and more|and above|or above|or over|plus|or less|or fewer|or below|and under)" + EN_END
            + "|\\s*(\\+)");
    private static final Pattern DATE_MARK = Pattern.compile("[年月号]|st|nd|rd|th");
    private static final Pattern ANY_DIGIT = Pattern.compile("[0-9]");
    private static final Pattern SCIENTIFIC = Pattern.compile("[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)[eE][-+]?[0-9]+");
    private static final Pattern LETTER_START = Pattern.compile("[\\s,;:(（]*[\\p{L}]");

    private QuantityParser() {
    }

    /** Parses a text cell; {@code hintOrNull} is the unit its column header states, if any. */
    public static Parsed<Quantity> parse(String text, UnitHint hintOrNull) {
        String original = text == null ? "" : text.strip();
        String s = prepared(text);
        if (s.isEmpty()) {
            return Parsed.failed("no value");
        }
        boolean negative = false;
        Matcher accounting = ACCOUNTING_NEGATIVE.matcher(s);
        if (accounting.matches()) {
            s = accounting.group(1).strip();
            negative = true;
        }
        Parsed<Reading> reading = new Scanner(s, original).read();
        if (!reading.ok()) {
            return Parsed.failed(reading.error());
        }
        Reading r = reading.value();
        if (negative && r.negative) {
            return Parsed.failed("cannot read a number in '" + original + "': two minus signs");
        }
        return applyHint(r.withNegative(negative || r.negative), hintOrNull, original);
    }

    /**
     * The qualifier of a figure in English words, as the Checks sheet shows it: by its meaning ("约" is
     * "about", "近" "nearly", "以上" "at least"), except that "up to" and the plain "at most" words (不超过, 最多,
     * 以下, 以内, "no more than", "or less") keep their own, though they are compared like "nearly".
     * Empty for an exact figure or text that is not one.
     */
    public static Optional<String> qualifierWord(String text) {
        String s = prepared(text);
        Matcher accounting = ACCOUNTING_NEGATIVE.matcher(s);
        if (accounting.matches()) {
            s = accounting.group(1).strip();
        }
        Scanner scanner = new Scanner(s, text == null ? "" : text.strip());
        if (s.isEmpty() || !scanner.read().ok() || scanner.qualifier == null) {
            return Optional.empty();
        }
        return Optional.of(SHOWN_WORDS.getOrDefault(scanner.qualifierWord, scanner.qualifier.word()));
    }

    /** Cleaned, lower-cased, without a full stop at the end. */
    private static String prepared(String text) {
        String s = TextNormaliser.clean(text).toLowerCase(Locale.ROOT);
        if (s.endsWith(".") && !s.endsWith("..")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    /** 2^53: below it every whole double is exactly a long. */
    private static final double WHOLE_LIMIT = 9_007_199_254_740_992d;

    /** Parses a numeric cell; {@code hintOrNull} is the unit its column header states, if any. */
    public static Parsed<Quantity> parse(double numericCell, UnitHint hintOrNull) {
        if (Double.isNaN(numericCell) || Double.isInfinite(numericCell)) {
            return Parsed.failed("not a finite number: " + numericCell);
        }
        // Whole counts (nearly every cell of an export) skip the double's decimal expansion and the strip.
        if (numericCell == Math.rint(numericCell) && Math.abs(numericCell) < WHOLE_LIMIT) {
            long whole = (long) numericCell;
            BigDecimal value = BigDecimal.valueOf(whole);
            return applyHint(new Reading(value, value, null, false, false, Qualifier.EXACT), hintOrNull,
                    Long.toString(whole));
        }
        BigDecimal value = tidy(BigDecimal.valueOf(numericCell));
        Reading r = new Reading(value, value, null, false, false, Qualifier.EXACT);
        return applyHint(r, hintOrNull, value.toPlainString());
    }

    private static Parsed<Quantity> applyHint(Reading r, UnitHint hint, String original) {
        BigDecimal low = r.low;
        BigDecimal high = r.high;
        String unit = r.unit;
        if (hint != null) {
            boolean bare = unit == null || (unit.equals(Quantity.COUNT) && !r.explicitUnit);
            if (unit != null && hint.unit() != null && !unit.equals(hint.unit())) {
                return Parsed.failed("'" + original + "' is in " + unit + " but the column header says "
                        + hint.unit() + ": write the number alone or fix the header");
            }
            if (bare || (unit.equals(hint.unit()) && !r.explicitUnit)) {
                if (r.scaled && hint.multiplier().compareTo(BigDecimal.ONE) != 0) {
                    return Parsed.failed("'" + original + "' has its own scale but the column header gives one too"
                            + " (x" + hint.multiplier().toPlainString() + "): write the number alone");
                }
                low = low.multiply(hint.multiplier());
                high = high.multiply(hint.multiplier());
                if (hint.unit() != null) {
                    unit = hint.unit();
                }
            }
        }
        if (r.negative) {
            if (high.compareTo(low) != 0) {
                return Parsed.failed("cannot read a negative range in '" + original + "'");
            }
            low = low.negate();
            high = low;
        }
        return Parsed.ok(new Quantity(tidy(low), tidy(high), unit, r.qualifier, original));
    }

    static BigDecimal tidy(BigDecimal v) {
        BigDecimal t = v.stripTrailingZeros();
        return t.scale() < 0 ? t.setScale(0) : t;
    }

    /** What the scanner read, before the header's unit is applied. */
    private record Reading(BigDecimal low, BigDecimal high, String unit, boolean explicitUnit, boolean scaled,
            Qualifier qualifier, boolean negative) {
        Reading(BigDecimal low, BigDecimal high, String unit, boolean explicitUnit, boolean scaled, Qualifier qualifier) {
            this(low, high, unit, explicitUnit, scaled, qualifier, false);
        }

        Reading withNegative(boolean n) {
            return new Reading(low, high, unit, explicitUnit, scaled, qualifier, n);
        }
    }

    /**
     * One number with the scale and unit written right after it; {@code unitScaled} when the scale came
     * after the currency ("5 USD million": unitFactor 1000000).
     */
    private record Number(BigDecimal value, boolean scaled, String unit, BigDecimal unitFactor, boolean unitScaled) {
    }

    /** A cursor over the cleaned, lower-cased text. */
    private static final class Scanner {
        private final String s;
        private final String original;
        private int pos;
        private Qualifier qualifier;
        /** The word that set the qualifier, as written (lower case). */
        private String qualifierWord;
        private String error;

        Scanner(String s, String original) {
            this.s = s;
            this.original = original;
        }

        private Matcher at(Pattern p) {
            Matcher m = p.matcher(s);
            m.region(pos, s.length());
            if (m.lookingAt()) {
                pos = m.end();
                return m;
            }
            return null;
        }

        private Parsed<Reading> fail(String why) {
            return Parsed.failed(why);
        }

        private Parsed<Reading> unreadable() {
            return fail("cannot read a number in '" + original + "'");
        }

        private boolean setQualifier(Qualifier q, String word) {
            if (qualifier != null && qualifier != q) {
                error = "'" + original + "' has two qualifiers that disagree (" + qualifier + ", " + q + ")";
                return false;
            }
            qualifier = q;
            qualifierWord = word;
            return true;
        }

        Parsed<Reading> read() {
            boolean negative = at(MINUS) != null;
            Matcher q = at(QUALIFIER_PREFIX);
            if (q != null) {
                String word = (q.group(1) != null ? q.group(1) : q.group(2)).strip();
                setQualifier(QUALIFIER_WORDS.get(word), word);
            }
            boolean between = at(BETWEEN) != null;
            String currency = null;
            Matcher c = at(CURRENCY_PREFIX);
            if (c != null) {
                if (c.group(2) != null) {
                    return fail("unsupported currency '" + c.group(2).strip() + "' in '" + original
                            + "': only CNY and USD are read");
                }
                currency = currencyOf(c.group(1).strip());
            }
            boolean percentPrefix = at(PERCENT_PREFIX) != null;
            Number first = number();
            if (first == null) {
                return error != null ? fail(error) : unreadable();
            }
            Number second = null;
            int beforeRange = pos;
            Matcher sep = at(RANGE_SEPARATOR);
            if (sep != null) {
                String sepText = sep.group().strip();
                boolean wordAnd = sepText.equals("and");
                boolean orMore = sepText.equals("or") && (s.startsWith("more", pos) || s.startsWith("less", pos)
                        || s.startsWith("fewer", pos) || s.startsWith("above", pos) || s.startsWith("over", pos)
                        || s.startsWith("below", pos));
                if ((wordAnd && !between) || orMore) {
                    pos = beforeRange;
                } else {
                    Matcher c2 = at(CURRENCY_PREFIX);
                    if (c2 != null && c2.group(2) != null) {
                        return fail("unsupported currency '" + c2.group(2).strip() + "' in '" + original
                                + "': only CNY and USD are read");
                    }
                    String currency2 = c2 == null ? null : currencyOf(c2.group(1).strip());
                    if (currency2 != null && currency != null && !currency.equals(currency2)) {
                        return fail("'" + original + "' mixes currencies");
                    }
                    if (currency == null) {
                        currency = currency2;
                    }
                    at(PERCENT_PREFIX);
                    second = number();
                    if (second == null) {
                        if (error != null) {
                            return fail(error);
                        }
                        pos = beforeRange;
                    }
                }
            }
            if (between && second == null) {
                return unreadable();
            }
            // Unit after the last number, then a qualifier suffix, then a unit again (10天左右 / 90%以上).
            Parsed<String> tail = unitAndQualifier();
            if (!tail.ok()) {
                return fail(tail.error());
            }
            String tailUnit = tail.value().isEmpty() ? null : tail.value();
            BigDecimal tailFactor = unitFactor;
            Number last = second != null ? second : first;
            String unit = last.unit;
            BigDecimal highFactor = last.unitFactor;
            boolean highUnitScaled = last.unitScaled;
            if (tailUnit != null) {
                if (unit != null && !unit.equals(tailUnit)) {
                    return fail("'" + original + "' has two units (" + unit + ", " + tailUnit + ")");
                }
                unit = tailUnit;
                highFactor = tailFactor;
                highUnitScaled = unitScaled;
            }
            BigDecimal lowFactor = highFactor;
            if (second != null && first.unit == null && first.scaled && highUnitScaled) {
                return twoScales(); // "10 million to 15 USD million"
            }
            if (second != null && first.unit != null) {
                if (unit != null && !unit.equals(first.unit)) {
                    return fail("'" + original + "' has different units on each side of the range");
                }
                unit = first.unit;
                lowFactor = first.unitFactor;
                if (last.unit == null && tailUnit == null) {
                    highFactor = lowFactor;
                }
            }
            BigDecimal factor = null;
            if (percentPrefix) {
                if (unit != null && !unit.equals(Quantity.PERCENT)) {
                    return unreadable();
                }
                unit = Quantity.PERCENT;
                factor = new BigDecimal("0.01");
                if (first.unit != null || (second != null && second.unit != null) || tailUnit != null) {
                    factor = null; // "百分之90%" is not a thing; the % already scaled it
                }
            }
            if (currency != null) {
                if (unit != null && !unit.equals(currency)) {
                    return fail("'" + original + "' has two units (" + currency + ", " + unit + ")");
                }
                unit = currency;
            }
            boolean explicitUnit = unit != null;
            // Whatever is left: words are allowed (a noun, or a note), another number is not.
            String rest = s.substring(pos);
            if (!rest.isBlank()) {
                if (SCIENTIFIC.matcher(original.strip()).matches()) {
                    // Excel saves a long number as 1.23457E+11 in a CSV: digits are gone, so never read it
                    return fail("cannot read '" + original + "': a number in scientific notation may have lost"
                            + " digits (Excel writes long numbers so in a CSV): write the number in full");
                }
                if (ANY_DIGIT.matcher(rest).find()) {
                    return fail("cannot read '" + original + "': more than one number");
                }
                Matcher leftover = LEFTOVER_SCALE.matcher(rest);
                if (leftover.find()) {
                    String word = leftover.group(1) != null ? leftover.group(1) : leftover.group(2);
                    return fail("cannot read '" + original + "': the scale '" + word + "' is not where a scale is"
                            + " read: write it right after the number or the currency, e.g. '5 million USD',"
                            + " 'USD 5 million' or '5 USD million'");
                }
                boolean attached = pos > 0 && !Character.isWhitespace(s.charAt(pos))
                        && Character.isLetterOrDigit(s.charAt(pos - 1));
                if (attached && (DATE_MARK.matcher(rest).lookingAt() || isLatin(s.charAt(pos)))) {
                    return unreadable();
                }
                if (unit == null) {
                    if (!LETTER_START.matcher(rest).lookingAt()) {
                        return unreadable();
                    }
                    unit = Quantity.COUNT; // "100 Chinese brands", "two more distribution centres"
                }
            }
            BigDecimal low = first.value;
            BigDecimal high = low;
            boolean scaled = first.scaled || first.unitScaled || highUnitScaled;
            if (second != null) {
                high = second.value;
                scaled = scaled || second.scaled;
                if (!first.scaled && second.scaled) {
                    low = first.value.multiply(lastScale); // "10 to 15 million": the scale is shared
                }
            }
            if (factor != null) {
                lowFactor = factor;
                highFactor = factor;
            }
            if (lowFactor != null) {
                low = low.multiply(lowFactor);
            }
            if (highFactor != null) {
                high = high.multiply(highFactor);
            }
            if (high.compareTo(low) < 0) {
                return fail("cannot read '" + original + "': the range runs backwards");
            }
            return Parsed.ok(new Reading(low, high, unit, explicitUnit, scaled,
                    qualifier == null ? Qualifier.EXACT : qualifier, negative));
        }

        private BigDecimal unitFactor;
        /** Set with unitFactor: the factor holds a scale written after the currency ("5 USD million"). */
        private boolean unitScaled;
        private BigDecimal lastScale = BigDecimal.ONE;

        private Parsed<Reading> twoScales() {
            return fail("cannot read '" + original + "': it has two scales; write one, e.g. '5 million USD'");
        }

        private static boolean isLatin(char ch) {
            return ch < 0x250 && Character.isLetter(ch);
        }

        /**
         * A number with its scale and any unit/qualifier directly after it; null if none here.
         * Sets {@code lastScale} to the scale read.
         */
        private Number number() {
            int start = pos;
            BigDecimal value = null;
            Matcher m = at(ARABIC);
            if (m != null) {
                int digits = FigureLimit.writtenDigits(m.group());
                if (digits > FigureLimit.MAX_WRITTEN_DIGITS) {
                    error = "a number of " + digits + " digits is longer than any figure: check the cell (at most "
                            + FigureLimit.MAX_WRITTEN_DIGITS + " digits)";
                    pos = start;
                    return null;
                }
                value = new BigDecimal(m.group().replace(",", ""));
            } else if ((m = at(CHINESE_NUMERAL)) != null) {
                long n = chineseNumeral(m.group());
                if (n < 0) {
                    pos = start;
                    return null;
                }
                value = BigDecimal.valueOf(n);
            } else if ((m = at(ENGLISH_NUMBER)) != null) {
                if (m.group(1) != null) {
                    value = BigDecimal.ONE;
                } else {
                    value = BigDecimal.valueOf(englishNumber(m.group(2)));
                }
            }
            if (value == null) {
                return null;
            }
            if (at(MORE_MARK) != null) {
                setQualifier(Qualifier.MORE_THAN, "多");
            }
            BigDecimal scale = BigDecimal.ONE;
            boolean scaled = false;
            Matcher sc = at(ENGLISH_SCALE);
            if (sc != null) {
                scale = englishScale(sc.group(1));
                scaled = true;
            } else if ((sc = at(CHINESE_SCALE)) != null) {
                for (char ch : sc.group(1).toCharArray()) {
                    scale = scale.multiply(chineseUnit(ch));
                    if (scale.precision() > FigureLimit.MAX_WRITTEN_DIGITS) {
                        // "5亿亿亿…": stopped here, as each further 亿 costs more than the one before.
                        error = "a number scaled by " + sc.group(1).length() + " characters of 十百千万亿 is longer"
                                + " than any figure: check the cell (at most " + FigureLimit.MAX_WRITTEN_DIGITS
                                + " digits)";
                        pos = start;
                        return null;
                    }
                }
                scaled = true;
            }
            if (scaled && at(MORE_MARK) != null) {
                setQualifier(Qualifier.MORE_THAN, "多");
            }
            lastScale = scale;
            // A unit right after the first number of a range: "10%-15%", "10天至15天".
            int beforeUnit = pos;
            Parsed<String> unit = unitAndQualifier();
            String u = null;
            BigDecimal f = null;
            boolean us = false;
            if (unit.ok() && !unit.value().isEmpty()) {
                u = unit.value();
                f = unitFactor;
                us = unitScaled;
            } else {
                pos = beforeUnit;
                if (!unit.ok()) {
                    error = unit.error();
                    pos = beforeUnit;
                }
            }
            unitFactor = null;
            unitScaled = false;
            return new Number(value.multiply(scale), scaled, u, f, us);
        }

        /**
         * The scale some write after the currency, as headers do ("5 USD million", "5 RMB bn", "5 美元
         * million"): it becomes the unit factor. A number already scaled ("5 million USD million") or a Chinese
         * scale there ("5美元万", never written so) is refused rather than guessed.
         */
        private Parsed<String> scaleAfterCurrency(String currency) {
            int before = pos;
            Matcher sc = at(ENGLISH_SCALE);
            if (sc == null) {
                if (at(CHINESE_SCALE) != null) {
                    return Parsed.failed("cannot read '" + original + "': a Chinese scale after the currency '"
                            + currency.strip() + "': write it before, e.g. '5万美元'");
                }
                pos = before;
                return Parsed.ok("");
            }
            if (lastScale.compareTo(BigDecimal.ONE) != 0) {
                return Parsed.failed(twoScales().error());
            }
            unitFactor = englishScale(sc.group(1));
            unitScaled = true;
            return Parsed.ok("");
        }

        /** A unit ("", "CNY", "USD", "percent", "days", "count") and any qualifier suffix; sets unitFactor. */
        private Parsed<String> unitAndQualifier() {
            unitFactor = null;
            unitScaled = false;
            String unit = "";
            for (int round = 0; round < 2; round++) {
                Matcher qs = at(QUALIFIER_SUFFIX);
                if (qs != null) {
                    Qualifier qv;
                    if (qs.group(1) != null) {
                        // 以上 includes the figure ("700以上" is 700 or more, README "Control totals"); so
                        // does 之多 ("as many as"). More than the figure is 超过, 逾, or 多/余 after the number.
                        qv = switch (qs.group(1)) {
                            case "左右", "上下" -> Qualifier.ABOUT;
                            case "以上", "之多" -> Qualifier.AT_LEAST;
                            default -> Qualifier.AT_MOST;
                        };
                    } else if (qs.group(2) != null) {
                        qv = switch (qs.group(2)) {
                            case "or more", "and more", "and above", "or above", "or over", "plus" -> Qualifier.AT_LEAST;
                            default -> Qualifier.AT_MOST;
                        };
                    } else {
                        qv = Qualifier.AT_LEAST;
                    }
                    if (!setQualifier(qv, qs.group().strip())) {
                        return Parsed.failed(error);
                    }
                }
                if (!unit.isEmpty()) {
                    continue;
                }
                if (at(PERCENT_POINTS) != null) {
                    return Parsed.failed("'" + original + "' is in percentage points (a difference), not a share");
                }
                Matcher m;
                if (at(PERCENT) != null) {
                    unit = Quantity.PERCENT;
                    unitFactor = new BigDecimal("0.01");
                } else if ((m = at(MONEY_SUFFIX)) != null) {
                    if (m.group(2) != null) {
                        return Parsed.failed("unsupported currency '" + m.group(2) + "' in '" + original
                                + "': only CNY and USD are read");
                    }
                    unit = currencyOf(m.group(1));
                    Parsed<String> scale = scaleAfterCurrency(m.group(1));
                    if (!scale.ok()) {
                        return scale;
                    }
                } else if (at(DAYS) != null) {
                    unit = Quantity.DAYS;
                } else if (at(WEEKS) != null) {
                    unit = Quantity.DAYS;
                    unitFactor = new BigDecimal("7");
                } else if (at(OTHER_DURATION) != null) {
                    return Parsed.failed("cannot read '" + original + "' as days: durations are read in days"
                            + " (write e.g. '14 days')");
                } else if (at(CLASSIFIER) != null) {
                    unit = Quantity.COUNT;
                }
            }
            return Parsed.ok(unit);
        }
    }

    private static String currencyOf(String word) {
        return switch (word.strip()) {
            case "美元", "美金", "usd", "us$", "$", "dollar", "dollars", "us dollar", "us dollars" -> Quantity.USD;
            default -> Quantity.CNY;
        };
    }

    private static BigDecimal englishScale(String word) {
        return switch (word) {
            case "hundred" -> new BigDecimal("100");
            case "thousand", "k" -> new BigDecimal("1000");
            case "million", "mn", "mln", "mio", "m" -> new BigDecimal("1000000");
            case "billion", "bn", "bln" -> new BigDecimal("1000000000");
            default -> new BigDecimal("1000000000000");
        };
    }

    private static BigDecimal chineseUnit(char ch) {
        return switch (ch) {
            case '十' -> BigDecimal.TEN;
            case '百' -> new BigDecimal("100");
            case '千' -> new BigDecimal("1000");
            case '万' -> new BigDecimal("10000");
            default -> new BigDecimal("100000000");
        };
    }

    private static int englishNumber(String words) {
        Integer direct = ENGLISH_WORDS.get(words.replaceAll("\\s+", " "));
        if (direct != null) {
            return direct;
        }
        String[] parts = words.split("[- ]");
        return ENGLISH_WORDS.get(parts[0]) + ENGLISH_WORDS.get(parts[1]);
    }

    /** 一 to 九千九百九十九万亿 in the usual notation (十五, 两千三百, 一亿两千万, 一百零五); -1 if malformed. */
    static long chineseNumeral(String run) {
        long total = 0;
        long section = 0;
        int digit = -1;
        boolean any = false;
        for (int i = 0; i < run.length(); i++) {
            char ch = run.charAt(i);
            int value = SmallNumberWords.chineseDigit(ch);
            if (value >= 0) {
                if (value == 0) {
                    digit = -1;
                    continue;
                }
                if (digit >= 0) {
                    return -1; // 二三: digits in a row are not this notation
                }
                digit = value;
                any = true;
            } else if (ch == '十' || ch == '百' || ch == '千') {
                long unit = ch == '十' ? 10 : ch == '百' ? 100 : 1000;
                if (digit < 0 && ch != '十') {
                    return -1;
                }
                section += (digit < 0 ? 1 : digit) * unit;
                digit = -1;
                any = true;
            } else if (ch == '万') {
                section += Math.max(digit, 0);
                if (section == 0 && total == 0) {
                    return -1;
                }
                total += section * 10_000;
                section = 0;
                digit = -1;
            } else {
                section += Math.max(digit, 0);
                if (section == 0 && total == 0) {
                    return -1;
                }
                total = (total + section) * 100_000_000L;
                section = 0;
                digit = -1;
            }
        }
        return any ? total + section + Math.max(digit, 0) : -1;
    }
}

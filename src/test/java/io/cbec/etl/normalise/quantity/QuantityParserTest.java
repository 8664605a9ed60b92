package io.cbec.etl.normalise.quantity;

import static org.assertj.core.api.Assertions.assertThat;

import io.cbec.etl.normalise.Parsed;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantityParserTest {

    /** Every value_text of the shared platform-facts.csv that is a figure. */
    @ParameterizedTest(name = "[{0}] -> {1}..{2} {3} {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            nearly 20 million                              | 20000000    | 20000000    | -       | AT_MOST
            more than 90 percent                           | 0.9         | 0.9         | percent | MORE_THAN
            10 billion yuan to help manufacturers go global | 10000000000 | 10000000000 | CNY     | EXACT
            100 Chinese brands (first phase)               | 100         | 100         | count   | EXACT
            '10,000 manufacturers (first phase)'           | 10000       | 10000       | count   | EXACT
            two more distribution centres                  | 2           | 2           | count   | EXACT
            10 to 15 days                                  | 10          | 15          | days    | EXACT
            three to four days                             | 3           | 4           | days    | EXACT
            33 cities and regions                          | 33          | 33          | count   | EXACT
            165                                            | 165         | 165         | -       | EXACT
            """)
    void readsThePressFacts(String text, String low, String high, String unit, Qualifier qualifier) {
        assertParsed(text, null, low, high, unit, qualifier);
    }

    @ParameterizedTest(name = "[{0}] is kept as text")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            launched in the US in September 2022                | cannot read a number in 'launched in the US in September 2022'
            "first US distribution centre, Whitestown, Indiana" | cannot read a number in 'first US distribution centre, Whitestown, Indiana'
            """)
    void refusesThePressFactsThatAreNotFigures(String text, String reason) {
        assertThat(QuantityParser.parse(text, null)).isEqualTo(Parsed.failed(reason));
    }

    @ParameterizedTest(name = "[{0}] -> {1}..{2} {3} {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            1,234.5                     | 1234.5      | 1234.5      | -       | EXACT
            １２３４                    | 1234        | 1234        | -       | EXACT
            -12                         | -12         | -12         | -       | EXACT
            (12)                        | -12         | -12         | -       | EXACT
            '(1,234.50)'                | -1234.5     | -1234.5     | -       | EXACT
            20m                         | 20000000    | 20000000    | -       | EXACT
            1.5bn                       | 1500000000  | 1500000000  | -       | EXACT
            5k                          | 5000        | 5000        | -       | EXACT
            20 million downloads        | 20000000    | 20000000    | count   | EXACT
            about 5 million             | 5000000     | 5000000     | -       | ABOUT
            around 300                  | 300         | 300         | -       | ABOUT
            approximately 1.2 billion   | 1200000000  | 1200000000  | -       | ABOUT
            almost 20 million           | 20000000    | 20000000    | -       | AT_MOST
            over 90%                    | 0.9         | 0.9         | percent | MORE_THAN
            at least 3 days             | 3           | 3           | days    | AT_LEAST
            up to 10 days               | 10          | 10          | days    | AT_MOST
            less than 5 per cent        | 0.05        | 0.05        | percent | LESS_THAN
            under 2 weeks               | 14          | 14          | days    | LESS_THAN
            fewer than 50 stores        | 50          | 50          | count   | LESS_THAN
            10 or more                  | 10          | 10          | -       | AT_LEAST
            20+                         | 20          | 20          | -       | AT_LEAST
            12.5%                       | 0.125       | 0.125       | percent | EXACT
            10-15                       | 10          | 15          | -       | EXACT
            10 – 15 days                | 10          | 15          | days    | EXACT
            10~15 days                  | 10          | 15          | days    | EXACT
            10%-15%                     | 0.1         | 0.15        | percent | EXACT
            10-15%                      | 0.1         | 0.15        | percent | EXACT
            between 10 and 15 days      | 10          | 15          | days    | EXACT
            10 to 15 million            | 10000000    | 15000000    | -       | EXACT
            $5 million                  | 5000000     | 5000000     | USD     | EXACT
            US$3.5bn                    | 3500000000  | 3500000000  | USD     | EXACT
            USD 1.2 million             | 1200000     | 1200000     | USD     | EXACT
            RMB 10 billion              | 10000000000 | 10000000000 | CNY     | EXACT
            CNY 500                     | 500         | 500         | CNY     | EXACT
            ¥300                        | 300         | 300         | CNY     | EXACT
            ￥300                       | 300         | 300         | CNY     | EXACT
            5 million US dollars        | 5000000     | 5000000     | USD     | EXACT
            300 yuan                    | 300         | 300         | CNY     | EXACT
            $10-$15                     | 10          | 15          | USD     | EXACT
            a dozen                     | 12          | 12          | -       | EXACT
            a million                   | 1000000     | 1000000     | -       | EXACT
            twenty-five                 | 25          | 25          | -       | EXACT
            eighteen brands             | 18          | 18          | count   | EXACT
            one                         | 1           | 1           | -       | EXACT
            1.2亿元                     | 120000000   | 120000000   | CNY     | EXACT
            100亿元                     | 10000000000 | 10000000000 | CNY     | EXACT
            3万美元                     | 30000       | 30000       | USD     | EXACT
            2.5万亿元                   | 2500000000000 | 2500000000000 | CNY | EXACT
            近2000万                    | 20000000    | 20000000    | -       | AT_MOST
            将近2000万                  | 20000000    | 20000000    | -       | AT_MOST
            接近2000万                  | 20000000    | 20000000    | -       | AT_MOST
            约1.2亿元                   | 120000000   | 120000000   | CNY     | ABOUT
            大约3天                     | 3           | 3           | days    | ABOUT
            10天左右                    | 10          | 10          | days    | ABOUT
            超过90%                     | 0.9         | 0.9         | percent | MORE_THAN
            90%以上                     | 0.9         | 0.9         | percent | AT_LEAST
            700以上                     | 700         | 700         | -       | AT_LEAST
            100家之多                   | 100         | 100         | count   | AT_LEAST
            不低于5%                    | 0.05        | 0.05        | percent | AT_LEAST
            700以下                     | 700         | 700         | -       | AT_MOST
            15天以内                    | 15          | 15          | days    | AT_MOST
            no more than 700            | 700         | 700         | -       | AT_MOST
            just over 700               | 700         | 700         | -       | MORE_THAN
            in excess of 700            | 700         | 700         | -       | MORE_THAN
            不足5%                      | 0.05        | 0.05        | percent | LESS_THAN
            低于5%                      | 0.05        | 0.05        | percent | LESS_THAN
            逾100家                     | 100         | 100         | count   | MORE_THAN
            100余家                     | 100         | 100         | count   | MORE_THAN
            2000多万                    | 20000000    | 20000000    | -       | MORE_THAN
            至少5家                     | 5           | 5           | count   | AT_LEAST
            不少于10个                  | 10          | 10          | count   | AT_LEAST
            不超过15天                  | 15          | 15          | days    | AT_MOST
            最多3天                     | 3           | 3           | days    | AT_MOST
            不到5%                      | 0.05        | 0.05        | percent | LESS_THAN
            少于100个                   | 100         | 100         | count   | LESS_THAN
            百分之九十                  | 0.9         | 0.9         | percent | EXACT
            百分之90                    | 0.9         | 0.9         | percent | EXACT
            10至15天                    | 10          | 15          | days    | EXACT
            三至四天                    | 3           | 4           | days    | EXACT
            两个                        | 2           | 2           | count   | EXACT
            十                          | 10          | 10          | -       | EXACT
            二十三个城市                | 23          | 23          | count   | EXACT
            一百零五                    | 105         | 105         | -       | EXACT
            两万                        | 20000       | 20000       | -       | EXACT
            一亿两千万                  | 120000000   | 120000000   | -       | EXACT
            33个城市和地区              | 33          | 33          | count   | EXACT
            165个                       | 165         | 165         | count   | EXACT
            人民币5000万元              | 50000000    | 50000000    | CNY     | EXACT
            5 USD million               | 5000000     | 5000000     | USD     | EXACT
            5 USD mn                    | 5000000     | 5000000     | USD     | EXACT
            2.5 usd m                   | 2500000     | 2500000     | USD     | EXACT
            5 US dollars million        | 5000000     | 5000000     | USD     | EXACT
            5 美元 million              | 5000000     | 5000000     | USD     | EXACT
            5 CNY billion               | 5000000000  | 5000000000  | CNY     | EXACT
            5 RMB million               | 5000000     | 5000000     | CNY     | EXACT
            3 yuan bn                   | 3000000000  | 3000000000  | CNY     | EXACT
            US$ 5 USD million           | 5000000     | 5000000     | USD     | EXACT
            about 5 USD thousand        | 5000        | 5000        | USD     | ABOUT
            10 to 15 USD million        | 10000000    | 15000000    | USD     | EXACT
            5 USD million or more       | 5000000     | 5000000     | USD     | AT_LEAST
            5美金                       | 5           | 5           | USD     | EXACT
            3万美金                     | 30000       | 30000       | USD     | EXACT
            5 mln USD                   | 5000000     | 5000000     | USD     | EXACT
            USD 2.5 mln                 | 2500000     | 2500000     | USD     | EXACT
            5 mio USD                   | 5000000     | 5000000     | USD     | EXACT
            1.5 bln yuan                | 1500000000  | 1500000000  | CNY     | EXACT
            """)
    void readsEnglishAndChinesePhrases(String text, String low, String high, String unit, Qualifier qualifier) {
        assertParsed(text, null, low, high, unit, qualifier);
    }

    /** Every word of README's "Control totals" table, with the word Checks shows for it. */
    @ParameterizedTest(name = "[{0}] -> {1}, shown as {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            165                  | EXACT     | -
            about 5000亿元        | ABOUT     | about
            约5000亿元            | ABOUT     | about
            around 300           | ABOUT     | about
            nearly 20 million    | AT_MOST   | nearly
            近2000万              | AT_MOST   | nearly
            up to 21             | AT_MOST   | up to
            不超过15天            | AT_MOST   | at most
            700以下               | AT_MOST   | at most
            at least 700         | AT_LEAST  | at least
            700以上               | AT_LEAST  | at least
            3以上                 | AT_LEAST  | at least
            不少于10个            | AT_LEAST  | at least
            more than 700        | MORE_THAN | more than
            over 700             | MORE_THAN | more than
            超过700               | MORE_THAN | more than
            逾700                 | MORE_THAN | more than
            2000多万              | MORE_THAN | more than
            less than 700        | LESS_THAN | less than
            不到700               | LESS_THAN | less than
            """)
    void eachQualifierWordOfTheReadmeHasItsMeaningAndItsWord(String text, Qualifier qualifier, String shown) {
        assertThat(QuantityParser.parse(text, null).value().qualifier()).isEqualTo(qualifier);
        assertThat(QuantityParser.qualifierWord(text)).isEqualTo(Optional.ofNullable(shown));
    }

    @ParameterizedTest(name = "[{0}] refused: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                   | no value
            €5                   | unsupported currency '€' in '€5': only CNY and USD are read
            5 euros              | unsupported currency 'euros' in '5 euros': only CNY and USD are read
            HK$5                 | unsupported currency 'hk$' in 'HK$5': only CNY and USD are read
            100日元              | unsupported currency '日元' in '100日元': only CNY and USD are read
            N/A                  | cannot read a number in 'N/A'
            first                | cannot read a number in 'first'
            1st                  | cannot read a number in '1st'
            第一                 | cannot read a number in '第一'
            2022-11              | cannot read '2022-11': the range runs backwards
            11/04/2022           | cannot read '11/04/2022': more than one number
            10 billion in 2022   | cannot read '10 billion in 2022': more than one number
            1.23457E+11          | cannot read '1.23457E+11': a number in scientific notation may have lost digits (Excel writes long numbers so in a CSV): write the number in full
            1.5e3                | cannot read '1.5e3': a number in scientific notation may have lost digits (Excel writes long numbers so in a CSV): write the number in full
            3 months             | cannot read '3 months' as days: durations are read in days (write e.g. '14 days')
            5 percentage points  | '5 percentage points' is in percentage points (a difference), not a share
            5x                   | cannot read a number in '5x'
            a few                | cannot read a number in 'a few'
            dozens               | cannot read a number in 'dozens'
            5 USD millions       | cannot read '5 USD millions': the scale 'millions' is not where a scale is read: write it right after the number or the currency, e.g. '5 million USD', 'USD 5 million' or '5 USD million'
            5 million million    | cannot read '5 million million': the scale 'million' is not where a scale is read: write it right after the number or the currency, e.g. '5 million USD', 'USD 5 million' or '5 USD million'
            5% million           | cannot read '5% million': the scale 'million' is not where a scale is read: write it right after the number or the currency, e.g. '5 million USD', 'USD 5 million' or '5 USD million'
            5 days k             | cannot read '5 days k': the scale 'k' is not where a scale is read: write it right after the number or the currency, e.g. '5 million USD', 'USD 5 million' or '5 USD million'
            5 downloads (million) | cannot read '5 downloads (million)': the scale 'million' is not where a scale is read: write it right after the number or the currency, e.g. '5 million USD', 'USD 5 million' or '5 USD million'
            5 million USD million | cannot read '5 million USD million': it has two scales; write one, e.g. '5 million USD'
            5万 USD million      | cannot read '5万 USD million': it has two scales; write one, e.g. '5 million USD'
            10 million to 15 USD million | cannot read '10 million to 15 USD million': it has two scales; write one, e.g. '5 million USD'
            5美元万              | cannot read '5美元万': a Chinese scale after the currency '美元': write it before, e.g. '5万美元'
            5 EUR million        | unsupported currency 'eur' in '5 EUR million': only CNY and USD are read
            300万澳门元          | unsupported currency '澳门元' in '300万澳门元': only CNY and USD are read
            5澳门币              | unsupported currency '澳门币' in '5澳门币': only CNY and USD are read
            MOP 5                | unsupported currency 'mop' in 'MOP 5': only CNY and USD are read
            5 MOP                | unsupported currency 'mop' in '5 MOP': only CNY and USD are read
            5 新台币             | unsupported currency '新台币' in '5 新台币': only CNY and USD are read
            TWD 5 million        | unsupported currency 'twd' in 'TWD 5 million': only CNY and USD are read
            5亿港元              | unsupported currency '港元' in '5亿港元': only CNY and USD are read
            R$5                  | unsupported currency 'r$' in 'R$5': only CNY and USD are read
            5 澳元               | unsupported currency '澳元' in '5 澳元': only CNY and USD are read
            """)
    void refusesWhatItCannotRead(String text, String reason) {
        assertThat(QuantityParser.parse(text, null)).isEqualTo(Parsed.failed(reason));
    }

    @ParameterizedTest(name = "[{0}] under [{1}] -> {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            1.2       | 出口额（亿元）           | 120000000  | CNY
            3         | 进口额(万元)             | 30000      | CNY
            300       | 金额(元)                 | 300        | CNY
            3         | 投资(万美元)             | 30000      | USD
            2.5       | Revenue (USD million)    | 2500000    | USD
            2.5       | Revenue (US$ m)          | 2500000    | USD
            7         | Value (CNY 100m)         | 700000000  | CNY
            7         | 金额（亿美元）           | 700000000  | USD
            1500      | Revenue (USD)            | 1500       | USD
            90        | Share (%)                | 0.9        | percent
            90%       | Share (%)                | 0.9        | percent
            12        | 时效（天）               | 12         | days
            10-15     | Delivery time (days)     | 10         | days
            40        | 企业数（家）             | 40         | count
            40        | 海外仓数量(个)           | 40         | count
            1.2亿元   | 出口额（万元）           | 120000000  | CNY
            20        | Downloads (m)            | 20000000   | -
            2.5       | Revenue (USD mln)        | 2500000    | USD
            3         | 投资(万美金)             | 30000      | USD
            1.5       | 出口额(单位:亿元)        | 150000000  | CNY
            1.5       | 出口额（单位：亿元）     | 150000000  | CNY
            1.5       | Exports (unit: USD million) | 1500000 | USD
            1.5       | 出口额（亿元人民币）     | 150000000  | CNY
            1.5       | 出口额（万元人民币）     | 15000      | CNY
            1.5       | 出口额（人民币亿元）     | 150000000  | CNY
            1.5       | 出口额（亿元）①          | 150000000  | CNY
            1.5       | 出口额（亿元）*          | 150000000  | CNY
            1.5       | 出口额/亿元              | 150000000  | CNY
            1.5       | 出口额 亿元              | 150000000  | CNY
            1.5       | Exports USD million      | 1500000    | USD
            1.5       | Exports / USD m          | 1500000    | USD
            1.5       | 出口额（亿人民币）       | 150000000  | CNY
            """)
    void appliesTheHeaderUnit(String text, String header, String low, String unit) {
        UnitHint hint = UnitHint.fromHeader(header).orElseThrow();
        Parsed<Quantity> parsed = QuantityParser.parse(text, hint);
        assertThat(parsed.error()).isNull();
        assertThat(parsed.value().low().toPlainString()).isEqualTo(low);
        assertThat(parsed.value().unit()).isEqualTo(unit);
    }

    @Test
    void numericCellsTakeTheHeaderUnitExactly() {
        UnitHint yi = UnitHint.fromHeader("跨境电商进出口额（亿元）").orElseThrow();
        assertThat(yi).isEqualTo(new UnitHint("CNY", new BigDecimal("100000000")));
        Quantity q = QuantityParser.parse(1.23, yi).value();
        assertThat(q.low()).isEqualByComparingTo("123000000");
        assertThat(q.unit()).isEqualTo("CNY");
        assertThat(q.qualifier()).isEqualTo(Qualifier.EXACT);
        assertThat(q.isRange()).isFalse();
        assertThat(QuantityParser.parse(0.1 + 0.2, null).value().low().toPlainString()).isEqualTo("0.30000000000000004");
        assertThat(QuantityParser.parse(1234.0, null).value().low().toPlainString()).isEqualTo("1234");
        assertThat(QuantityParser.parse(Double.NaN, null).ok()).isFalse();
        assertThat(QuantityParser.parse(87.5, UnitHint.fromHeader("Share (%)").orElseThrow()).value().low())
                .isEqualByComparingTo("0.875");
    }

    /** Whole numeric cells take a shortcut; what they read must be what the general path reads. */
    @Test
    void wholeNumericCellsReadAsTheirDecimalFormWould() {
        SplittableRandom random = new SplittableRandom(11);
        UnitHint wan = UnitHint.fromHeader("下载量（万次）").orElseThrow();
        for (int i = 0; i < 20_000; i++) {
            double d = switch (i % 4) {
                case 0 -> random.nextInt(100_000);
                case 1 -> -random.nextLong(1L << 53);
                case 2 -> random.nextLong(1L << 53);
                default -> (double) random.nextLong(1L << 62); // past 2^53: the general path
            };
            BigDecimal expected = QuantityParser.tidy(BigDecimal.valueOf(d));
            for (UnitHint hint : Arrays.asList(null, wan)) {
                Quantity q = QuantityParser.parse(d, hint).value();
                BigDecimal scaled = hint == null ? expected : QuantityParser.tidy(expected.multiply(hint.multiplier()));
                assertThat(q.low()).as("%s with %s", d, hint).isEqualTo(scaled);
                assertThat(q.original()).isEqualTo(expected.toPlainString());
            }
        }
        assertThat(QuantityParser.parse(-0.0, null).value().low()).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void aCellUnitThatDisagreesWithTheHeaderIsRefused() {
        UnitHint yuan = UnitHint.fromHeader("金额（元）").orElseThrow();
        assertThat(QuantityParser.parse("3万美元", yuan).error())
                .isEqualTo("'3万美元' is in USD but the column header says CNY: write the number alone or fix the header");
        assertThat(QuantityParser.parse("1.2亿", UnitHint.fromHeader("金额（万元）").orElseThrow()).error())
                .startsWith("'1.2亿' has its own scale but the column header gives one too");
    }

    @Test
    void aUnitAfterTheNameIsSplitFromIt() {
        assertThat(UnitHint.nameBeforeUnit("出口额/亿元")).contains("出口额");
        assertThat(UnitHint.nameBeforeUnit("出口额 亿元")).contains("出口额");
        assertThat(UnitHint.nameBeforeUnit("Exports USD million")).contains("Exports");
        assertThat(UnitHint.unitAfterName("Exports USD million")).contains("USD million");
        assertThat(UnitHint.nameBeforeUnit("Exports/EUR")).contains("Exports"); // for HeaderCurrency to name
        assertThat(UnitHint.nameBeforeUnit("Parcel count")).isEmpty();
        assertThat(UnitHint.nameBeforeUnit("城市/地区")).isEmpty();
        assertThat(UnitHint.nameBeforeUnit("出口额（亿元）")).isEmpty();
    }

    @ParameterizedTest(name = "[{0}] has no unit note")
    @CsvSource(textBlock = """
            Downloads
            Revenue (EUR)
            Date (yyyy-mm-dd)
            Country / Region
            Parcel count
            Exports/EUR
            City name
            """)
    void headersWithoutAUnitGiveNoHint(String header) {
        assertThat(UnitHint.fromHeader(header)).isEmpty();
    }

    /**
     * BigDecimal reads a long digit string in time that grows with the square of its length: "1" and 200,000
     * zeros took three minutes, "5" and 40,000 亿 eight. Such a cell is refused before it is read.
     */
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aNumberLongerThanAnyFigureIsRefusedWithoutReadingIt() {
        assertThat(QuantityParser.parse("9".repeat(38), null).ok()).isTrue();
        assertThat(QuantityParser.parse("1" + "0".repeat(1_000_000), null)).isEqualTo(Parsed.failed(
                "a number of 1000001 digits is longer than any figure: check the cell (at most 38 digits)"));
        assertThat(QuantityParser.parse("1" + ",000".repeat(100_000) + ".5", null)).isEqualTo(Parsed.failed(
                "a number of 300002 digits is longer than any figure: check the cell (at most 38 digits)"));
        assertThat(QuantityParser.parse("约0." + "3".repeat(1_000_000), null).error())
                .startsWith("a number of 1000001 digits");
        assertThat(QuantityParser.parse("10 to " + "9".repeat(39), null).error()).startsWith("a number of 39 digits");
        assertThat(QuantityParser.parse("5" + "亿".repeat(40_000) + "元", null)).isEqualTo(Parsed.failed(
                "a number scaled by 40000 characters of 十百千万亿 is longer than any figure: check the cell (at most 38"
                        + " digits)"));
        assertThat(QuantityParser.parse("5亿亿元", null).value().low()).isEqualByComparingTo("5E+16");
    }

    @Test
    void keepsTheOriginalTextAndRanges() {
        Quantity q = QuantityParser.parse("  10 to 15 days ", null).value();
        assertThat(q.original()).isEqualTo("10 to 15 days");
        assertThat(q.isRange()).isTrue();
        assertThat(QuantityParser.parse("100 Chinese brands (first phase)", null).value().original())
                .isEqualTo("100 Chinese brands (first phase)");
    }

    private static void assertParsed(String text, UnitHint hint, String low, String high, String unit, Qualifier qualifier) {
        Parsed<Quantity> parsed = QuantityParser.parse(text, hint);
        assertThat(parsed.error()).as("error for '%s'", text).isNull();
        Quantity q = parsed.value();
        assertThat(q.low().toPlainString()).as("low of '%s'", text).isEqualTo(low);
        assertThat(q.high().toPlainString()).as("high of '%s'", text).isEqualTo(high);
        assertThat(q.unit()).as("unit of '%s'", text).isEqualTo(unit);
        assertThat(q.qualifier()).as("qualifier of '%s'", text).isEqualTo(qualifier);
    }
}

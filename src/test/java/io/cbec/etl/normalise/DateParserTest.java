package io.cbec.etl.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateParserTest {

    @ParameterizedTest(name = "[{0}] -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2022-11-14            | 2022-11-14 | DAY
            2022/11/14            | 2022-11-14 | DAY
            2022.11.14            | 2022-11-14 | DAY
            2022-1-5              | 2022-01-05 | DAY
            20221114              | 2022-11-14 | DAY
            2022-11-14 00:00:00   | 2022-11-14 | DAY
            2022-11-14T08:30      | 2022-11-14 | DAY
            14 Nov 2022           | 2022-11-14 | DAY
            14 nov. 2022          | 2022-11-14 | DAY
            14-Nov-2022           | 2022-11-14 | DAY
            14 November 2022      | 2022-11-14 | DAY
            14th November 2022    | 2022-11-14 | DAY
            'November 14, 2022'   | 2022-11-14 | DAY
            Nov 14 2022           | 2022-11-14 | DAY
            Sept 1 2022           | 2022-09-01 | DAY
            2022年11月14日        | 2022-11-14 | DAY
            2022年11月14号        | 2022-11-14 | DAY
            2022 年 11 月 14 日   | 2022-11-14 | DAY
            ２０２２年１１月１４日 | 2022-11-14 | DAY
            ２０２２－１１－１４   | 2022-11-14 | DAY
            2022年11月            | 2022-11    | MONTH
            2022年1月份           | 2022-01    | MONTH
            2022-11               | 2022-11    | MONTH
            2022/11               | 2022-11    | MONTH
            11/2022               | 2022-11    | MONTH
            Nov 2022              | 2022-11    | MONTH
            November 2022         | 2022-11    | MONTH
            Nov-2022              | 2022-11    | MONTH
            2022Q4                | 2022Q4     | QUARTER
            2022 Q4               | 2022Q4     | QUARTER
            2022-q4               | 2022Q4     | QUARTER
            Q4 2022               | 2022Q4     | QUARTER
            q1-2023               | 2023Q1     | QUARTER
            2022年第四季度        | 2022Q4     | QUARTER
            2022年四季度          | 2022Q4     | QUARTER
            2022年第4季度         | 2022Q4     | QUARTER
            2022年一季度          | 2022Q1     | QUARTER
            2022年Q3              | 2022Q3     | QUARTER
            2022年                | 2022       | YEAR
            2022年度              | 2022       | YEAR
            2022                  | 2022       | YEAR
            ２０２２              | 2022       | YEAR
            05/05/2022            | 2022-05-05 | DAY
            14/11/2022            | 2022-11-14 | DAY
            11/14/2022            | 2022-11-14 | DAY
            31.12.2022            | 2022-12-31 | DAY
            2024-02-29            | 2024-02-29 | DAY
            """)
    void parsesDateSpellings(String text, String expected, Precision precision) {
        Parsed<PartialDate> parsed = DateParser.parse(text);
        assertThat(parsed.error()).isNull();
        assertThat(parsed.value().precision()).isEqualTo(precision);
        assertThat(parsed.value()).hasToString(expected);
    }

    @ParameterizedTest(name = "[{0}]: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            11/04/2022   | 'ambiguous day/month order in 11/04/2022: write 2022-04-11 or 2022-11-04'
            04-11-2022   | 'ambiguous day/month order in 04-11-2022: write 2022-11-04 or 2022-04-11'
            1.2.2022     | 'ambiguous day/month order in 1.2.2022: write 2022-02-01 or 2022-01-02'
            22-11-14     | 'two-digit year in 22-11-14: write the year in full, e.g. 2022-11-14'
            14/11/22     | 'two-digit year in 14/11/22: write the year in full, e.g. 2022-11-14'
            Nov-22       | 'no year or a two-digit year in Nov-22: write e.g. 2022-11 or 2022-11-22'
            14 Nov 22    | 'two-digit year in 14 Nov 22: write the year in full, e.g. 2022-11-14'
            2022-02-30   | 'no such date: 2022-02-30'
            2023-02-29   | 'no such date: 2023-02-29'
            2022年13月   | 'no such month: 2022-13'
            2022-13-01   | 'no such date: 2022-13-01'
            31/02/2022   | 'no such date: 31/02/2022'
            20221332     | 'no such date: 2022-13-32'
            1850         | 'year out of range (1900 to 2100): 1850'
            2022Q5       | 'not a date: 2022Q5 (write e.g. 2022-11-14, 2022-11 or 2022Q4)'
            yesterday    | 'not a date: yesterday (write e.g. 2022-11-14, 2022-11 or 2022Q4)'
            November 14  | 'no year or a two-digit year in November 14: write e.g. 2022-11 or 2022-11-22'
            ''           | 'no date given'
            """)
    void rejectsWithAReason(String text, String reason) {
        assertThat(DateParser.parse(text)).isEqualTo(Parsed.failed(reason));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Batch 7 (approved 14 Nov 2022)                                | 2022-11-14
            第七批跨境电子商务综合试验区名单（2022年11月14日批复）        | 2022-11-14
            （2022年11月14日批复）                                        | 2022-11-14
            第六批（国函〔2022〕8号，2022年1月）                           | 2022-01
            Zones approved on 2020-04-27, batch 5                         | 2020-04-27
            Approved November 14, 2022 by the State Council               | 2022-11-14
            Indicators 2022Q4                                             | 2022Q4
            跨境电商进出口额（2022年第四季度）                            | 2022Q4
            Report Nov 2022 (revised 2023-01-05)                          | 2022-11
            """)
    void findsADateInATitle(String title, String expected) {
        assertThat(DateParser.findInTitle(title)).map(PartialDate::toString).contains(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"第七批跨境电子商务综合试验区名单（国函〔2022〕126号）", "Zones 2015-2022", "2022",
            "Batch 7", "Sheet1", "approved 11/04/2022", "approved 2022-02-30", ""})
    void findsNoDateWhereThereIsNone(String title) {
        assertThat(DateParser.findInTitle(title)).isEmpty();
    }

    @Test
    void readsRealDateCellsToTheDay() {
        assertThat(DateParser.fromDateTime(LocalDateTime.of(2022, 11, 14, 0, 0)))
                .isEqualTo(PartialDate.ofDay(LocalDate.of(2022, 11, 14)));
    }

    @Test
    void partialDatesKnowTheirPeriod() {
        assertThat(PartialDate.ofQuarter(2022, 4).end()).isEqualTo(LocalDate.of(2022, 12, 31));
        assertThat(PartialDate.ofMonth(2024, 2).end()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(PartialDate.ofYear(2022).end()).isEqualTo(LocalDate.of(2022, 12, 31));
        assertThat(PartialDate.ofMonth(2022, 1)).hasToString("2022-01");
        assertThatThrownBy(() -> new PartialDate(LocalDate.of(2022, 11, 14), Precision.MONTH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartialDate.ofQuarter(2022, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}

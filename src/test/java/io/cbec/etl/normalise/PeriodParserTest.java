package io.cbec.etl.normalise;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodParserTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2024-03            | 2024-03
            2024年3月          | 2024-03
            Mar 2024           | 2024-03
            2024Q1             | 2024Q1
            2024年第一季度     | 2024Q1
            2024年四季度       | 2024Q4
            2024               | 2024
            2024年             | 2024
            2024年1-6月        | 2024-01/2024-06
            2024年1月-6月      | 2024-01/2024-06
            2024年1至6月       | 2024-01/2024-06
            ２０２４年１－６月  | 2024-01/2024-06
            2024-01/2024-06    | 2024-01/2024-06
            2024-01..2024-06   | 2024-01/2024-06
            Jan-Jun 2024       | 2024-01/2024-06
            2024H2             | 2024-07/2024-12
            2024年上半年       | 2024-01/2024-06
            2024年1-3月        | 2024Q1
            2024年1-12月       | 2024
            """)
    void readsMonthsQuartersYearsAndRunsOfMonths(String text, String label) {
        Parsed<Period> p = PeriodParser.parse(text);
        assertThat(p.error()).isNull();
        assertThat(p.value().label()).isEqualTo(label);
    }

    @Test
    void aDayOrNonsenseIsNotAPeriod() {
        assertThat(PeriodParser.parse("2024-03-15").error()).contains("a day is not a reporting period").contains("2024-03");
        assertThat(PeriodParser.parse("2024年6-1月").error()).contains("no such run of months");
        assertThat(PeriodParser.parse("soon").error()).contains("not a period");
    }

    @Test
    void findsThePeriodInATitleOrSheetName() {
        assertThat(PeriodParser.findInTitle("2024年1-6月各综试区跨境电商主要指标（单位：亿元）")).map(Period::label)
                .contains("2024-01/2024-06");
        assertThat(PeriodParser.findInTitle("Main indicators, Q1 2024")).map(Period::label).contains("2024Q1");
        assertThat(PeriodParser.findInTitle("2023年跨境电商进出口额")).map(Period::label).contains("2023");
        assertThat(PeriodParser.findInTitle("2023")).map(Period::label).contains("2023");
        assertThat(PeriodParser.findInTitle("第七批（国函〔2022〕126号）")).isEmpty();
        assertThat(PeriodParser.findInTitle("指标")).isEmpty();
    }

    @Test
    void periodsContainTheirMonths() {
        Period h1 = PeriodParser.parse("2024年1-6月").value();
        assertThat(h1.contains(PeriodParser.parse("2024-06").value())).isTrue();
        assertThat(h1.contains(PeriodParser.parse("2024Q3").value())).isFalse();
        assertThat(h1.monthCount()).isEqualTo(6);
    }
}

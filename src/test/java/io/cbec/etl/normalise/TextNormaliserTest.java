package io.cbec.etl.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormaliserTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            '  Hangzhou  '                  | Hangzhou
            'Hang\u00A0zhou'                | Hang zhou
            '２０２２年１１月'              | 2022年11月
            '中国（杭州）'                  | 中国(杭州)
            'Ｂａｔｃｈ　７'                | Batch 7
            'a\tb\n c'                      | a b c
            'zero\u200Bwidth'               | zerowidth
            '\uFEFF城市'                    | 城市
            'x\u0007y'                      | xy
            'one   two'                     | one two
            ''                              | ''
            'United States'                 | United States
            'Temu: Shop Like a Billionaire' | Temu: Shop Like a Billionaire
            ' United States'                | United States
            'United States '                | United States
            'United  States'                | United States
            'United States'            | United States
            'Temu­App'                 | TemuApp
            """)
    void cleans(String raw, String expected) {
        assertThat(TextNormaliser.clean(raw)).isEqualTo(expected);
    }

    @Test
    void cleansNullToEmpty() {
        assertThat(TextNormaliser.clean(null)).isEmpty();
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            批复日期（年月日）      | 批复日期
            批复日期               | 批复日期
            Approval  Date         | approvaldate
            APPROVAL DATE          | approvaldate
            ' approval_date '      | approvaldate
            City / Region          | cityregion
            City/Region            | cityregion
            Country / Region       | countryregion
            Trade value (USD m)    | tradevalue
            出口额（万元）         | 出口额
            出口额(亿美元)         | 出口额
            Revenue [USD]          | revenue
            城市/地区              | 城市地区
            ＢＡＴＣＨ             | batch
            App Name               | appname
            (blank)                | blank
            Date approved          | dateapproved
            出口额（亿元）①        | 出口额
            出口额①                | 出口额
            面积（m²）             | 面积
            """)
    void buildsHeaderKeys(String header, String key) {
        assertThat(TextNormaliser.headerKey(header)).isEqualTo(key);
    }
}

package io.cbec.etl.kind.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which events' percentages are shares, bounded to 0-100 % by the "Share between 0 and 100 %" check. */
class EventShareTest {

    @ParameterizedTest(name = "[{0}] is a share: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            share of app downloads          | true
            Market Share                    | true
            US shares of GMV                | true
            downloads share                 | true
            proportion of orders            | true
            percentage of sales             | true
            per cent of downloads           | true
            % of sales from the US          | true
            ％ of sales                      | true
            下载占比                         | true
            市场份额                         | true
            美国市场比重                      | true
            GMV year-on-year growth         | false
            price change                    | false
            market share change             | false
            share of downloads, YoY         | false
            share of downloads vs 2022      | false
            share grew                      | false
            占比同比提升                      | false
            市场份额下降                      | false
            GMV 同比增长                     | false
            PDD share price                 | false
            conversion rate                 | false
            shareholders                    | false
            exchange rate                   | false
            """)
    void anEventNamedAsAPartOfAWholeIsAShareAndAChangeInOneIsNot(String event, boolean share) {
        assertThat(PlatformChecks.isShare(event)).isEqualTo(share);
    }
}

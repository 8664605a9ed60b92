package io.cbec.etl.normalise.quantity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A header naming a currency other than CNY and USD, so its rows can be refused naming it. */
class HeaderCurrencyTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Exports (EUR)        | EUR
            Revenue (eur m)      | EUR
            收入（欧元）         | 欧元 (EUR)
            出口额（万澳门元）   | 澳门元 (MOP)
            出口额（MOP）        | MOP
            出口额（新台币）     | 新台币 (TWD)
            出口额（亿元）       | -
            Exports (USD million) | -
            出口额（亿元人民币）  | -
            Country              | -
            Entry count          | -
            """)
    void namesTheForeignCurrencyOfAHeader(String header, String currency) {
        assertThat(HeaderCurrency.foreign(header).orElse(null)).isEqualTo(currency);
    }
}

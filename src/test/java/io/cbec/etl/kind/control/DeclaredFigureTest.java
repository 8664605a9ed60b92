package io.cbec.etl.kind.control;

import io.cbec.etl.check.CheckValue;
import io.cbec.etl.normalise.quantity.QuantityParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A declared figure in the Checks sheet's Expected cell: a number in the data's base unit, its qualifier and
 * unit shown by the cell's number format; a range stays text.
 */
class DeclaredFigureTest {

    @ParameterizedTest(name = "[{0}] -> {1} in {2}")
    @CsvSource(delimiter = '|', textBlock = """
            165                   | 165          | '#,##0'
            33 cities and regions | 33           | '#,##0'
            nearly 20 million     | 20000000     | '"nearly "#,##0'
            more than 90 percent  | 0.9          | '"more than "0.0%'
            约5000亿元             | 500000000000 | '"about "#,##0" CNY"'
            at least 1.5亿美元      | 150000000    | '"at least "#,##0" USD"'
            more than 700         | 700          | '"more than "#,##0'
            700以上                | 700          | '"at least "#,##0'
            up to 21              | 21           | '"up to "#,##0'
            不超过15天              | 15           | '"at most "#,##0" days"'
            12.5%                 | 0.125        | '0.0%'
            """)
    void aSingleFigureIsANumberWithItsWordsInTheFormat(String declared, BigDecimal value, String format) {
        CheckValue shown = ControlKind.declared(QuantityParser.parse(declared, null).value());

        assertThat(shown).isInstanceOfSatisfying(CheckValue.Figure.class, f -> {
            assertThat(f.value()).isEqualByComparingTo(value);
            assertThat(f.format()).isEqualTo(format);
        });
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            10 to 15 days     | 10 to 15 days
            about 10 to 15    | about 10 to 15
            """)
    void aRangeIsText(String declared, String text) {
        assertThat(ControlKind.declared(QuantityParser.parse(declared, null).value()))
                .isEqualTo(new CheckValue.Text(text));
    }
}

package io.cbec.etl.normalise.quantity;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figure limit stands for the staging columns: every DECIMAL column schema.sql declares holds a figure
 * at the limit and the sums of ten billion of them, so a change of a column that breaks that fails here,
 * not a run with a stack trace.
 */
class FigureLimitTest {

    @Test
    void everyStagedDecimalColumnHoldsTheDigitsTheLimitLeavesForSums() {
        SingleConnectionDataSource data = new SingleConnectionDataSource("jdbc:h2:mem:figure-limit", true);
        new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(data);
        record Column(String name, int precision, int scale) { }
        List<Column> columns = JdbcClient.create(data).sql("""
                        SELECT TABLE_NAME || '.' || COLUMN_NAME, NUMERIC_PRECISION, NUMERIC_SCALE
                        FROM INFORMATION_SCHEMA.COLUMNS
                        WHERE TABLE_SCHEMA = 'PUBLIC' AND DATA_TYPE IN ('NUMERIC', 'DECIMAL')""")
                .query((rs, n) -> new Column(rs.getString(1), rs.getInt(2), rs.getInt(3))).list();
        data.destroy();

        assertThat(columns).extracting(Column::name).contains("INDICATOR_VALUE.AMOUNT", "STATED_TOTAL.STATED_VALUE",
                "CONTROL_ENTRY.EXPECTED_LOW", "PLATFORM_EVENT.VALUE_LOW", "CHECK_RESULT.ACTUAL_VALUE");
        assertThat(columns).allSatisfy(c -> assertThat(c.precision() - c.scale()).as(c.name())
                .isGreaterThanOrEqualTo(FigureLimit.PRECISION - FigureLimit.SCALE));
        BigDecimal largestSum = BigDecimal.TEN.pow(FigureLimit.MAX_DIGITS).subtract(BigDecimal.ONE)
                .multiply(BigDecimal.TEN.pow(10));
        assertThat(FigureLimit.digits(largestSum)).isEqualTo(FigureLimit.PRECISION - FigureLimit.SCALE);
    }

    @Test
    void aFigureOfMoreThanEighteenDigitsDoesNotFitWhateverItsSign() {
        assertThat(FigureLimit.fits(new BigDecimal("999999999999999999.999"))).isTrue();
        assertThat(FigureLimit.fits(new BigDecimal("-999999999999999999"))).isTrue();
        assertThat(FigureLimit.fits(new BigDecimal("1E+18"))).isFalse();
        assertThat(FigureLimit.fits(new BigDecimal("-1E+18"))).isFalse();
        assertThat(FigureLimit.digits(new BigDecimal("1E+33"))).isEqualTo(34);
        assertThat(FigureLimit.digits(new BigDecimal("0.001"))).isEqualTo(1);
    }
}

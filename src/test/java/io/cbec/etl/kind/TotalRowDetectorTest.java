package io.cbec.etl.kind;

import io.cbec.etl.normalise.quantity.FigureLimit;
import io.cbec.etl.source.CellValue;
import io.cbec.etl.source.SourceRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TotalRowDetectorTest {

    @Test
    void recognisesProvinceSubtotalsAndGrandTotals() {
        assertThat(TotalRowDetector.marker("浙江省小计")).contains(new TotalRowDetector.Marker("浙江省小计", true));
        assertThat(TotalRowDetector.marker("小计")).map(TotalRowDetector.Marker::subtotal).contains(true);
        assertThat(TotalRowDetector.marker("Subtotal")).map(TotalRowDetector.Marker::subtotal).contains(true);
        assertThat(TotalRowDetector.marker("Sub-total: Zhejiang")).map(TotalRowDetector.Marker::subtotal).contains(true);
        assertThat(TotalRowDetector.marker("Zhejiang subtotal")).map(TotalRowDetector.Marker::subtotal).contains(true);
        assertThat(TotalRowDetector.marker("合计")).map(TotalRowDetector.Marker::subtotal).contains(false);
        assertThat(TotalRowDetector.marker("总计")).map(TotalRowDetector.Marker::subtotal).contains(false);
        assertThat(TotalRowDetector.marker("Grand total")).map(TotalRowDetector.Marker::subtotal).contains(false);
        assertThat(TotalRowDetector.marker("Total")).map(TotalRowDetector.Marker::subtotal).contains(false);
    }

    @Test
    void zoneNamesAreNotTotals() {
        assertThat(TotalRowDetector.marker("杭州市")).isEmpty();
        assertThat(TotalRowDetector.marker("Hangzhou")).isEmpty();
        assertThat(TotalRowDetector.marker("Totalville")).isEmpty();
        assertThat(TotalRowDetector.marker("")).isEmpty();
    }

    @Test
    void aSubtotalRowCarriesTheFigureAfterItsMarker() {
        SourceRow row = new SourceRow(12, Arrays.asList(new CellValue.Text("浙江省小计"), null,
                new CellValue.Numeric(1234.5, "0.0")));
        TotalRowDetector.TotalRow t = TotalRowDetector.detect(row, -1).orElseThrow();
        assertThat(t.subtotal()).isTrue();
        assertThat(t.value()).isEqualByComparingTo("1234.5");
        assertThat(t.valueColumn()).isEqualTo(2);
    }

    /** A long digit string would take BigDecimal minutes to read: its size is kept, for the row's rejection. */
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aFigureLongerThanAnyIsKeptAsItsSizeWithoutReadingIt() {
        TotalRowDetector.TotalRow t = TotalRowDetector.detect(new SourceRow(40, List.of(
                new CellValue.Text("合计：" + "1".repeat(1_000_000) + "个"))), -1).orElseThrow();
        assertThat(FigureLimit.fits(t.value())).isFalse();
        assertThat(FigureLimit.digits(t.value())).isEqualTo(1_000_000);
        TotalRowDetector.TotalRow decimals = TotalRowDetector.detect(new SourceRow(41, List.of(
                new CellValue.Text("合计"), new CellValue.Text("00033." + "0".repeat(1_000_000) + "1"))), -1).orElseThrow();
        assertThat(decimals.value()).isEqualByComparingTo("33");
    }
}

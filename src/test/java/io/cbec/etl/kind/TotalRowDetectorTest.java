package io.cbec.etl.kind;

import io.cbec.etl.source.CellValue;
import io.cbec.etl.source.SourceRow;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

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
    void markersSpacedOutBetweenTheirCharactersAreMarkers() {
        assertThat(TotalRowDetector.marker("合  计")).contains(new TotalRowDetector.Marker("合计", false));
        assertThat(TotalRowDetector.marker("总 计")).contains(new TotalRowDetector.Marker("总计", false));
        assertThat(TotalRowDetector.marker("合\u3000计")).contains(new TotalRowDetector.Marker("合计", false));
        assertThat(TotalRowDetector.marker("浙江省 小 计")).contains(new TotalRowDetector.Marker("浙江省小计", true));
        assertThat(TotalRowDetector.detect(new SourceRow(5, Arrays.asList(new CellValue.Text("合  计：3个"))), -1)
                .map(TotalRowDetector.TotalRow::value)).contains(new java.math.BigDecimal("3"));
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
}

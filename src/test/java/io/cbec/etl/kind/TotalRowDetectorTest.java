package io.cbec.etl.kind;

import io.cbec.etl.normalise.quantity.FigureLimit;
import io.cbec.etl.source.CellValue;
import io.cbec.etl.source.SourceRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    void markersSpacedOutBetweenTheirCharactersAreMarkers() {
        assertThat(TotalRowDetector.marker("合  计")).contains(new TotalRowDetector.Marker("合计", false));
        assertThat(TotalRowDetector.marker("总 计")).contains(new TotalRowDetector.Marker("总计", false));
        assertThat(TotalRowDetector.marker("合\u3000计")).contains(new TotalRowDetector.Marker("合计", false));
        assertThat(TotalRowDetector.marker("浙江省 小 计")).contains(new TotalRowDetector.Marker("浙江省小计", true));
        assertThat(TotalRowDetector.detect(new SourceRow(5, Arrays.asList(new CellValue.Text("合  计：3个"))), -1)
                .map(TotalRowDetector.TotalRow::value)).contains(new java.math.BigDecimal("3"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "合计：五个         | 5",
        "总计：三个         | 3",
        "合计两个           | 2",
        "共计 十二个试验区  | 12",
        "Total: three zones | 3",
        "TOTAL: Three       | 3",
        "小计：两个         | 2",
        "合计：33个         | 33",
        "合计               | none",
        "合计：一共三个     | none", // two numerals: not one count in words
        "Total: one hundred | none",
        "Total: third batch | none", // an ordinal is no count
        "合计：三至四个     | none",
    })
    void aTotalRowsCountIsReadFromDigitsOrSmallNumberWords(String marker, String count) {
        TotalRowDetector.TotalRow t = TotalRowDetector.detect(new SourceRow(9, Arrays.asList(
                new CellValue.Text(marker))), -1).orElseThrow();
        assertThat(t.value()).isEqualTo(count == null ? null : new java.math.BigDecimal(count));
    }

    @Test
    void aCountInWordsInTheCellAfterTheMarkerIsRead() {
        TotalRowDetector.TotalRow t = TotalRowDetector.detect(new SourceRow(9, Arrays.asList(new CellValue.Text("合计"),
                null, new CellValue.Text("两个"))), -1).orElseThrow();
        assertThat(t.value()).isEqualByComparingTo("2");
        assertThat(t.valueColumn()).isEqualTo(2);
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

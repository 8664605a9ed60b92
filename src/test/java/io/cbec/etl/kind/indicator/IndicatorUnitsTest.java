package io.cbec.etl.kind.indicator;

import io.cbec.etl.kind.SheetContext;
import io.cbec.etl.kind.SheetPlan;
import io.cbec.etl.normalise.DivisionDirectory;
import io.cbec.etl.source.CellValue;
import io.cbec.etl.source.FileType;
import io.cbec.etl.source.SourceRow;
import io.cbec.etl.kind.RowOutcome;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Units from the header or the cell, base units, the rounding a figure shows, and indicator names. */
class IndicatorUnitsTest {

    private static final IndicatorRowNormaliser NORMALISER = new IndicatorRowNormaliser(DivisionDirectory.bundled(),
            new PilotZones(DivisionDirectory.bundled())::bundledPilot);

    private static SheetPlan plan(String title, String... headers) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        Map<Integer, String> texts = new TreeMap<>();
        columns.put("zone", 0);
        texts.put(0, "城市");
        for (int i = 0; i < headers.length; i++) {
            columns.put(Indicator.fromName(headers[i]).orElseThrow().field(), i + 1);
            texts.put(i + 1, headers[i]);
        }
        return new SheetPlan(1, "f.xlsx", Path.of("f.xlsx"), FileType.XLSX, 1, "Sheet1", IndicatorKind.ID, 2, columns,
                texts, new SheetContext(null, null, null, false, title));
    }

    private static IndicatorRow row(SheetPlan plan, CellValue... cells) {
        RowOutcome outcome = NORMALISER.normalise(plan, new SourceRow(3, Arrays.asList(cells)));
        assertThat(outcome).isInstanceOf(RowOutcome.Accepted.class);
        return (IndicatorRow) ((RowOutcome.Accepted) outcome).record();
    }

    @Test
    void aHeaderUnitMakesBaseUnitsAndTheFormatGivesTheRounding() {
        SheetPlan plan = plan("2024年1-6月", "出口额（亿元）", "海外仓数量（个）");
        IndicatorRow r = row(plan, new CellValue.Text("杭州"), new CellValue.Numeric(986.4, "#,##0.0"),
                new CellValue.Numeric(86, "0"));
        IndicatorRow.Value exports = r.values().get(0);
        assertThat(exports.indicator()).isEqualTo(Indicator.EXPORTS);
        assertThat(exports.value()).isEqualByComparingTo("98640000000");
        assertThat(exports.unit()).isEqualTo("CNY");
        assertThat(exports.shownUnit()).isEqualTo("亿元");
        assertThat(exports.tolerance()).isEqualByComparingTo("5000000"); // 0.05 亿元
        assertThat(exports.period().label()).isEqualTo("2024-01/2024-06");
        assertThat(r.values().get(1).unit()).isEqualTo("count");
        assertThat(r.zone().nameZh()).isEqualTo("杭州市");
    }

    @Test
    void aCellUnitAndTextDecimalsAreRead() {
        SheetPlan plan = plan("2024", "出口额");
        IndicatorRow.Value v = row(plan, new CellValue.Text("Ningbo"), new CellValue.Text("12.35万美元")).values().get(0);
        assertThat(v.value()).isEqualByComparingTo("123500");
        assertThat(v.unit()).isEqualTo("USD");
        assertThat(v.tolerance()).isEqualByComparingTo("50"); // 0.005 万美元
    }

    @Test
    void aUnitLabelInsideTheBracketAndTheCurrencySaidTwiceAreRead() {
        SheetPlan plan = plan("2024", "出口额（单位：亿元）", "进口额（万元人民币）", "跨境电商进出口额【亿元】");
        IndicatorRow r = row(plan, new CellValue.Text("杭州"), new CellValue.Numeric(1.5, null),
                new CellValue.Numeric(3, null), new CellValue.Numeric(2, null));
        assertThat(r.values()).extracting(v -> v.value().toPlainString() + " " + v.unit() + " " + v.shownUnit())
                .containsExactly("150000000 CNY 亿元", "30000 CNY 万元人民币", "200000000 CNY 亿元");
    }

    @Test
    void aHeaderInAnotherCurrencyRejectsTheFigureNamingIt() {
        SheetPlan plan = plan("2024", "Exports (EUR)");
        RowOutcome outcome = NORMALISER.normalise(plan, new SourceRow(3, Arrays.asList(new CellValue.Text("杭州"),
                new CellValue.Numeric(12.5, null))));
        assertThat(outcome).isInstanceOfSatisfying(RowOutcome.Rejected.class, r -> assertThat(r.reason())
                .isEqualTo("the header 'Exports (EUR)' gives the figures in EUR, a currency not supported: only CNY and"
                        + " USD are read; convert the column and name its unit, e.g. 出口额（亿元） or Exports (USD million)"));
    }

    @Test
    void aUnitCellInAnotherCurrencyRejectsTheRowNamingIt() {
        Map<String, Integer> columns = new LinkedHashMap<>(Map.of(IndicatorKind.ZONE, 0,
                IndicatorKind.PERIOD, 1, IndicatorKind.INDICATOR, 2, IndicatorKind.VALUE, 3, IndicatorKind.UNIT, 4));
        Map<Integer, String> texts = new TreeMap<>(Map.of(0, "城市", 1, "期间", 2, "指标", 3, "数值", 4, "单位"));
        SheetPlan plan = new SheetPlan(1, "f.xlsx", Path.of("f.xlsx"), FileType.XLSX, 1, "long", IndicatorKind.ID, 1,
                columns, texts, new SheetContext(null, null, null, false, null));
        RowOutcome outcome = NORMALISER.normalise(plan, new SourceRow(2, Arrays.asList(new CellValue.Text("杭州"),
                new CellValue.Text("2024-03"), new CellValue.Text("出口额"), new CellValue.Numeric(5, null),
                new CellValue.Text("万澳门元"))));
        assertThat(outcome).isInstanceOfSatisfying(RowOutcome.Rejected.class, r -> assertThat(r.reason())
                .isEqualTo("the unit '万澳门元' is 澳门元 (MOP), a currency not supported: only CNY and USD are read;"
                        + " convert the figure and write e.g. 亿元 or 万美元"));
    }

    @Test
    void aCountMustBeWholeOnceScaled() {
        SheetPlan plan = plan("2024", "海外仓数量（个）", "跨境电商企业数（万家）");
        RowOutcome outcome = NORMALISER.normalise(plan, new SourceRow(3, Arrays.asList(new CellValue.Text("杭州"),
                new CellValue.Numeric(12.5, null), new CellValue.Numeric(1, null))));
        assertThat(outcome).isInstanceOfSatisfying(RowOutcome.Rejected.class, r -> assertThat(r.reason())
                .isEqualTo("海外仓数量 (Overseas warehouses) is a count of whole things, but '12.5' is 12.5: correct the"
                        + " figure or its unit"));
        IndicatorRow whole = row(plan, new CellValue.Text("杭州"), new CellValue.Numeric(12, null),
                new CellValue.Numeric(1.25, null));
        assertThat(whole.values()).extracting(v -> v.value().toPlainString()).containsExactly("12", "12500");
    }

    @Test
    void moneyWithoutACurrencyIsRejected() {
        SheetPlan plan = plan("2024", "出口额");
        RowOutcome outcome = NORMALISER.normalise(plan, new SourceRow(3, Arrays.asList(new CellValue.Text("杭州"),
                new CellValue.Numeric(12.3, null))));
        assertThat(outcome).isInstanceOfSatisfying(RowOutcome.Rejected.class,
                r -> assertThat(r.reason()).contains("no currency").contains("出口额（亿元）"));
    }

    @Test
    void anApproximateFigureIsRejectedNotSummedAsExact() {
        SheetPlan plan = plan("2024", "出口额");
        RowOutcome outcome = NORMALISER.normalise(plan, new SourceRow(3, Arrays.asList(new CellValue.Text("杭州"),
                new CellValue.Text("约3亿元"))));
        assertThat(outcome).isInstanceOfSatisfying(RowOutcome.Rejected.class, r -> assertThat(r.reason())
                .isEqualTo("an approximate figure is not summed: 约3亿元 (write the figure as reported; an approximate"
                        + " total belongs in the control totals)"));
    }

    @Test
    void anApproximateFigureWithTheHeadersScaleIsRejectedAsApproximateFirstSoThatOneCorrectionSuffices() {
        // "约30亿" under 出口额（亿元） was rejected for its second scale only; "约30" then for being approximate.
        SheetPlan plan = plan("2024Q1", "出口额（亿元）");
        RowOutcome outcome = NORMALISER.normalise(plan, new SourceRow(3, Arrays.asList(new CellValue.Text("东莞"),
                new CellValue.Text("约30亿"))));
        assertThat(outcome).isInstanceOfSatisfying(RowOutcome.Rejected.class, r -> assertThat(r.reason())
                .isEqualTo("an approximate figure is not summed: 约30亿 (write the figure as reported; an approximate"
                        + " total belongs in the control totals); also, '约30亿' has its own scale but the column header"
                        + " gives one too (x100000000): write the number alone"));
        RowOutcome range = NORMALISER.normalise(plan, new SourceRow(4, Arrays.asList(new CellValue.Text("东莞"),
                new CellValue.Text("30-40亿"))));
        assertThat(range).isInstanceOfSatisfying(RowOutcome.Rejected.class, r -> assertThat(r.reason())
                .startsWith("a range is not a figure: 30-40亿 (write one number); also, '30-40亿' has its own scale"));
        // The figure as reported, alone: read.
        assertThat(row(plan, new CellValue.Text("东莞"), new CellValue.Text("30")).values().get(0).value())
                .isEqualByComparingTo("3000000000");
    }

    @Test
    void formatDecimals() {
        assertThat(IndicatorRowNormaliser.formatDecimals("#,##0.0")).contains(1);
        assertThat(IndicatorRowNormaliser.formatDecimals("0.00_ ;[Red]-0.00")).contains(2);
        assertThat(IndicatorRowNormaliser.formatDecimals("#,##0")).contains(0);
        assertThat(IndicatorRowNormaliser.formatDecimals("General")).isEmpty();
    }

    @Test
    void indicatorNamesInEnglishAndChinese() {
        assertThat(Indicator.fromName("跨境电商进出口额（亿元）")).contains(Indicator.TRADE);
        assertThat(Indicator.fromName("CBEC trade value")).contains(Indicator.TRADE);
        assertThat(Indicator.fromName("单量")).contains(Indicator.PARCELS);
        assertThat(Indicator.findIn("2024年跨境电商出口额")).contains(Indicator.EXPORTS);
        assertThat(Indicator.findIn("主要指标")).isEmpty();
    }
}

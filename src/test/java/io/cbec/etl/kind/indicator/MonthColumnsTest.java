package io.cbec.etl.kind.indicator;

import io.cbec.etl.kind.RowOutcome;
import io.cbec.etl.kind.SheetContext;
import io.cbec.etl.kind.SheetPlan;
import io.cbec.etl.normalise.DivisionDirectory;
import io.cbec.etl.source.CellValue;
import io.cbec.etl.source.FileType;
import io.cbec.etl.source.SourceRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wide sheets with one column per month: headers that carry their year ("2024-01", "2024年2月", "Mar 2024",
 * a date cell), and headers that do not ("1月", "Jan"), whose year comes from the title or the sheet name,
 * or whose rows are all rejected saying to add it.
 */
class MonthColumnsTest {

    private static final IndicatorKind KIND = new IndicatorKind(null);
    private static final IndicatorRowNormaliser NORMALISER = new IndicatorRowNormaliser(DivisionDirectory.bundled(),
            new PilotZones(DivisionDirectory.bundled())::bundledPilot);

    /** A plan built the way the classifier builds it: each header cell through the kind's field mapping. */
    private static SheetPlan plan(String title, String sheetName, CellValue... headers) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        Map<Integer, String> texts = new TreeMap<>();
        columns.put("zone", 0);
        texts.put(0, "城市");
        for (int i = 0; i < headers.length; i++) {
            columns.put(KIND.fieldForHeader(headers[i]).orElseThrow(), i + 1);
            texts.put(i + 1, headers[i].raw());
        }
        return new SheetPlan(1, "f.xlsx", Path.of("f.xlsx"), FileType.XLSX, 1, sheetName, IndicatorKind.ID, 2, columns,
                texts, new SheetContext(null, null, null, false, title));
    }

    private static RowOutcome normalise(SheetPlan plan, double... figures) {
        List<CellValue> cells = new ArrayList<>();
        cells.add(new CellValue.Text("杭州"));
        for (double f : figures) {
            cells.add(new CellValue.Numeric(f, "0.0"));
        }
        return NORMALISER.normalise(plan, new SourceRow(3, cells));
    }

    private static List<String> periods(RowOutcome outcome) {
        assertThat(outcome).isInstanceOf(RowOutcome.Accepted.class);
        return ((IndicatorRow) ((RowOutcome.Accepted) outcome).record()).values().stream()
                .map(v -> v.indicator().label() + " " + v.period().label() + " " + v.unit()).toList();
    }

    @ParameterizedTest(name = "[{0}] -> month {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1月      | 1
            01月     | 1
            12月份   | 12
            一月     | 1
            十一月   | 11
            Jan      | 1
            Sept.    | 9
            December | 12
            """)
    void aMonthWithoutItsYearIsRead(String header, int month) {
        assertThat(MonthHeader.month(header)).hasValue(month);
    }

    @Test
    void otherHeadersAreNotMonths() {
        assertThat(MonthHeader.month("13月")).isEmpty();
        assertThat(MonthHeader.month("Total")).isEmpty();
        assertThat(MonthHeader.month("Jane")).isEmpty();
        assertThat(MonthHeader.month("城市")).isEmpty();
    }

    @Test
    void headersWithTheirYearGiveTheirOwnMonthAndTheTitleGivesIndicatorAndUnit() {
        SheetPlan plan = plan("2024年跨境电商进出口额（亿元）", "Sheet1", new CellValue.Text("2024-01"),
                new CellValue.Text("2024年2月"), new CellValue.Text("Mar 2024"),
                new CellValue.DateTime(LocalDateTime.of(2024, 4, 1, 0, 0), "yyyy-mm"));
        assertThat(periods(normalise(plan, 200.5, 210.0, 220.4, 230.1))).containsExactly(
                "CBEC trade value 2024-01 CNY", "CBEC trade value 2024-02 CNY", "CBEC trade value 2024-03 CNY",
                "CBEC trade value 2024-04 CNY");
        IndicatorRow.Value first = ((IndicatorRow) ((RowOutcome.Accepted) normalise(plan, 200.5)).record()).values().get(0);
        assertThat(first.value()).isEqualByComparingTo("20050000000"); // 200.5 亿元 from the title's unit
        assertThat(first.shownUnit()).isEqualTo("亿元");
    }

    @Test
    void monthsWithoutAYearTakeItFromTheTitle() {
        SheetPlan plan = plan("2024年跨境电商进出口额（亿元）", "Sheet1", new CellValue.Text("1月"),
                new CellValue.Text("2月"), new CellValue.Text("3月"));
        assertThat(periods(normalise(plan, 1.0, 2.0, 3.0))).containsExactly("CBEC trade value 2024-01 CNY",
                "CBEC trade value 2024-02 CNY", "CBEC trade value 2024-03 CNY");
    }

    @Test
    void monthsWithoutAYearTakeItFromTheSheetNameWhenTheTitleHasNone() {
        SheetPlan plan = plan("跨境电商出口额（万美元）", "2023", new CellValue.Text("Jan"), new CellValue.Text("Feb"));
        assertThat(periods(normalise(plan, 1.0, 2.0))).containsExactly("Exports 2023-01 USD", "Exports 2023-02 USD");
    }

    @Test
    void monthsWithNoYearAnywhereRejectEveryRowSayingToAddTheYear() {
        SheetPlan plan = plan("跨境电商进出口额（亿元）", "Sheet1", new CellValue.Text("1月"), new CellValue.Text("2月"));
        RowOutcome outcome = normalise(plan, 1.0, 2.0);
        assertThat(outcome).isInstanceOfSatisfying(RowOutcome.Rejected.class, r -> {
            assertThat(r.column()).isEqualTo("B (1月)");
            assertThat(r.raw()).isEqualTo("1");
            assertThat(r.reason()).contains("'1月' has no year").contains("add the year to the title")
                    .contains("sheet name (e.g. 2024)");
        });
        // A total row is not let through either: nothing of the sheet is read with a guessed year.
        RowOutcome total = NORMALISER.normalise(plan, new SourceRow(9, Arrays.asList(new CellValue.Text("合计"),
                new CellValue.Numeric(3.0, "0.0"), new CellValue.Numeric(4.0, "0.0"))));
        assertThat(total).isInstanceOf(RowOutcome.Rejected.class);
    }

    @Test
    void aTitleSpanningTwoYearsDoesNotGiveTheYear() {
        SheetPlan plan = plan("2023-07/2024-06 跨境电商进出口额（亿元）", "Sheet1", new CellValue.Text("Jul"));
        assertThat(normalise(plan, 1.0)).isInstanceOfSatisfying(RowOutcome.Rejected.class,
                r -> assertThat(r.reason()).contains("spans 2023-07/2024-06").contains("e.g. 2024-01"));
    }

    @Test
    void aTitleCurrencyIsNotTheUnitOfACountColumn() {
        Map<String, Integer> columns = new LinkedHashMap<>(Map.of("zone", 0, "warehouses", 1));
        SheetPlan plan = new SheetPlan(1, "f.xlsx", Path.of("f.xlsx"), FileType.XLSX, 1, "Sheet1", IndicatorKind.ID, 2,
                columns, new TreeMap<>(Map.of(0, "城市", 1, "海外仓数量")),
                new SheetContext(null, null, null, false, "2024年主要指标（亿元）"));
        assertThat(periods(NORMALISER.normalise(plan, new SourceRow(3, Arrays.asList(new CellValue.Text("杭州"),
                new CellValue.Numeric(86, "0")))))).containsExactly("Overseas warehouses 2024 count");
    }
}

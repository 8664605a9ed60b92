package io.cbec.etl.report;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.PresetColor;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;

/**
 * A chart of one series as columns and another as a line on a secondary axis on the right (their
 * scales differ: zones approved per batch against cumulative active zones), drawn from cell ranges of
 * a list sheet.
 */
final class ColumnLineChart {

    /** Size of the chart in cells from its anchor: about 16 x 10 cm at default widths. */
    static final int WIDTH_COLUMNS = 10;
    static final int HEIGHT_ROWS = 20;

    private static final PresetColor BAR_COLOUR = PresetColor.STEEL_BLUE;
    private static final PresetColor LINE_COLOUR = PresetColor.DARK_ORANGE;

    private ColumnLineChart() {
    }

    record Spec(String title, int firstDataRow, int lastDataRow, int categoryColumn,
                int barColumn, String barTitle, int lineColumn, String lineTitle,
                int anchorColumn, int anchorRow) {
    }

    static XSSFChart draw(SheetCanvas canvas, Spec spec) {
        int firstIndex = spec.firstDataRow() - 1;
        int lastIndex = spec.lastDataRow() - 1;
        int points = lastIndex - firstIndex + 1;

        String[] categories = new String[points];
        Double[] bars = new Double[points];
        Double[] line = new Double[points];
        for (int i = 0; i < points; i++) {
            int rowIndex = firstIndex + i;
            categories[i] = CellValueWriter.categoryText(canvas.chartSourceValue(rowIndex, spec.categoryColumn()));
            bars[i] = numberAt(canvas, rowIndex, spec.barColumn());
            line[i] = numberAt(canvas, rowIndex, spec.lineColumn());
        }
        // Literal caches plus cell references: Excel and LibreOffice read the cells, while viewers
        // that only read caches (previews, some importers) still see the values.
        XDDFCategoryDataSource categorySource = XDDFDataSourcesFactory.fromArray(categories,
                range(canvas, firstIndex, lastIndex, spec.categoryColumn()), spec.categoryColumn());
        XDDFNumericalDataSource<Double> barSource = XDDFDataSourcesFactory.fromArray(bars,
                range(canvas, firstIndex, lastIndex, spec.barColumn()), spec.barColumn());
        XDDFNumericalDataSource<Double> lineSource = XDDFDataSourcesFactory.fromArray(line,
                range(canvas, firstIndex, lastIndex, spec.lineColumn()), spec.lineColumn());

        XSSFDrawing drawing = canvas.templateSheet().createDrawingPatriarch();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, spec.anchorColumn(), spec.anchorRow(),
                spec.anchorColumn() + WIDTH_COLUMNS, spec.anchorRow() + HEIGHT_ROWS);
        XSSFChart chart = drawing.createChart(anchor);
        chart.setTitleText(spec.title());
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);

        XDDFCategoryAxis barCategories = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis leftValues = chart.createValueAxis(AxisPosition.LEFT);
        leftValues.setCrosses(AxisCrosses.AUTO_ZERO);
        leftValues.setCrossBetween(AxisCrossBetween.BETWEEN);
        barCategories.crossAxis(leftValues);
        leftValues.crossAxis(barCategories);

        XDDFBarChartData barData = (XDDFBarChartData) chart.createData(ChartTypes.BAR, barCategories, leftValues);
        barData.setBarDirection(BarDirection.COL);
        barData.setVaryColors(false); // LibreOffice draws no bars without explicit, uniform colours
        XDDFBarChartData.Series barSeries = (XDDFBarChartData.Series) barData.addSeries(categorySource, barSource);
        barSeries.setTitle(spec.barTitle(), null); // the caller's title, not a header cell that may differ
        barSeries.setFillProperties(solid(BAR_COLOUR));
        chart.plot(barData);

        // The line's own category axis is hidden; it exists only to carry the secondary value axis.
        XDDFCategoryAxis lineCategories = chart.createCategoryAxis(AxisPosition.BOTTOM);
        lineCategories.setVisible(false);
        XDDFValueAxis rightValues = chart.createValueAxis(AxisPosition.RIGHT);
        rightValues.setCrosses(AxisCrosses.MAX);
        rightValues.setCrossBetween(AxisCrossBetween.BETWEEN);
        lineCategories.crossAxis(rightValues);
        rightValues.crossAxis(lineCategories);

        XDDFLineChartData lineData = (XDDFLineChartData) chart.createData(ChartTypes.LINE, lineCategories, rightValues);
        lineData.setVaryColors(false);
        XDDFLineChartData.Series lineSeries = (XDDFLineChartData.Series) lineData.addSeries(categorySource, lineSource);
        lineSeries.setTitle(spec.lineTitle(), null);
        lineSeries.setSmooth(false);
        lineSeries.setMarkerStyle(MarkerStyle.CIRCLE);
        // No setMarkerSize: its schema type is missing from poi-ooxml-lite and fails at runtime.
        XDDFLineProperties stroke = new XDDFLineProperties(solid(LINE_COLOUR));
        stroke.setWidth(2.25);
        XDDFShapeProperties lineShape = lineSeries.getShapeProperties() != null
                ? lineSeries.getShapeProperties() : new XDDFShapeProperties();
        lineShape.setLineProperties(stroke);
        lineShape.setFillProperties(solid(LINE_COLOUR)); // marker fill
        lineSeries.setShapeProperties(lineShape);
        chart.plot(lineData);
        return chart;
    }

    private static Double numberAt(SheetCanvas canvas, int rowIndex, int column) {
        Object plain = CellValueWriter.plainValue(canvas.chartSourceValue(rowIndex, column));
        if (plain instanceof Number number) {
            double value = CellValueWriter.toDouble(number);
            return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
        }
        return null;
    }

    private static String range(SheetCanvas canvas, int firstIndex, int lastIndex, int column) {
        return new AreaReference(
                new CellReference(canvas.name(), firstIndex, column, true, true),
                new CellReference(canvas.name(), lastIndex, column, true, true),
                SpreadsheetVersion.EXCEL2007).formatAsString();
    }

    private static XDDFSolidFillProperties solid(PresetColor colour) {
        return new XDDFSolidFillProperties(XDDFColor.from(colour));
    }
}

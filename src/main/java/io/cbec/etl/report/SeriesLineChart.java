package io.cbec.etl.report;

import java.util.List;
import java.util.Map;
import org.apache.poi.xddf.usermodel.PresetColor;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;

/**
 * A line chart of several series over shared categories (e.g. downloads per region per month), from
 * values the caller computed: the list beside it is long and not laid out as a series table, so the
 * chart carries its own data (literal caches) instead of referencing cells.
 */
final class SeriesLineChart {

    private static final PresetColor[] PALETTE = {PresetColor.STEEL_BLUE, PresetColor.DARK_ORANGE, PresetColor.SEA_GREEN,
        PresetColor.CRIMSON, PresetColor.MEDIUM_PURPLE, PresetColor.SLATE_GRAY, PresetColor.GOLDENROD, PresetColor.TEAL,
        PresetColor.SADDLE_BROWN, PresetColor.HOT_PINK};

    /** Wider and taller than the zone chart: a legend of several long region names sits below the plot. */
    static final int WIDTH_COLUMNS = 12;
    static final int HEIGHT_ROWS = 22;

    private SeriesLineChart() {
    }

    static XSSFChart draw(SheetCanvas canvas, String title, List<String> categories, Map<String, List<Double>> series,
                          int anchorColumn, int anchorRow) {
        XSSFDrawing drawing = canvas.templateSheet().createDrawingPatriarch();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, anchorColumn, anchorRow,
                anchorColumn + WIDTH_COLUMNS, anchorRow + HEIGHT_ROWS);
        XSSFChart chart = drawing.createChart(anchor);
        chart.setTitleText(title);
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis y = chart.createValueAxis(AxisPosition.LEFT);
        y.setCrosses(AxisCrosses.AUTO_ZERO);
        y.setCrossBetween(AxisCrossBetween.BETWEEN);
        y.setNumberFormat("#,##0"); // 7,000,000 rather than 7000000
        y.getOrAddMajorGridProperties().setLineProperties(
                new XDDFLineProperties(new XDDFSolidFillProperties(XDDFColor.from(PresetColor.LIGHT_GRAY))));
        x.crossAxis(y);
        y.crossAxis(x);
        XDDFLineChartData data = (XDDFLineChartData) chart.createData(ChartTypes.LINE, x, y);
        data.setVaryColors(false);
        int index = 0;
        var categorySource = XDDFDataSourcesFactory.fromArray(categories.toArray(String[]::new));
        for (Map.Entry<String, List<Double>> s : series.entrySet()) {
            XDDFLineChartData.Series line = (XDDFLineChartData.Series) data.addSeries(categorySource,
                    XDDFDataSourcesFactory.fromArray(s.getValue().toArray(Double[]::new)));
            line.setTitle(s.getKey(), null);
            line.setSmooth(false);
            line.setMarkerStyle(MarkerStyle.CIRCLE);
            // Explicit colours: LibreOffice draws markers but no line for series without line properties.
            PresetColor colour = PALETTE[index++ % PALETTE.length];
            XDDFLineProperties stroke = new XDDFLineProperties(new XDDFSolidFillProperties(XDDFColor.from(colour)));
            stroke.setWidth(2.0);
            XDDFShapeProperties shape = line.getShapeProperties() != null ? line.getShapeProperties() : new XDDFShapeProperties();
            shape.setLineProperties(stroke);
            shape.setFillProperties(new XDDFSolidFillProperties(XDDFColor.from(colour)));
            line.setShapeProperties(shape);
        }
        chart.plot(data);
        return chart;
    }
}

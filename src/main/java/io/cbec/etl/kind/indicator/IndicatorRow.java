package io.cbec.etl.kind.indicator;

import io.cbec.etl.normalise.Period;
import io.cbec.etl.source.CellRange;

import java.math.BigDecimal;
import java.util.List;

/**
 * One source row of an indicator sheet: a zone's figures, or a stated (sub)total's figures.
 *
 * @param rowKind  DETAIL, SUBTOTAL or TOTAL
 * @param label    the total marker as written ("浙江省小计"), null for a detail row
 * @param zone     the zone a detail row is about, null for a total row
 * @param values   one figure per indicator and period found in the row
 */
record IndicatorRow(String rowKind, String label, ZoneRef zone, List<Value> values) {

    static final String DETAIL = "DETAIL";
    static final String SUBTOTAL = "SUBTOTAL";
    static final String TOTAL = "TOTAL";

    /** The zone resolved to a division; {@code key} is the division code or "NEW:" + name, as the registry keys it. */
    record ZoneRef(String key, String code, String nameZh, String nameEn, String provinceCode, String raw) { }

    /**
     * One figure.
     *
     * @param period    null on a total row whose period cell is blank: the period of the rows it covers
     * @param value     exact, in the base unit
     * @param unit      CNY, USD or count
     * @param factor    what one unit as shown is worth in base units (亿元: 100000000), to show sums as the sheet does
     * @param tolerance half a unit of the last decimal shown, in base units; 0 for a whole figure shown whole
     *                  without a scale
     * @param shownUnit the unit as written (header note or cell), e.g. "亿元", "万美元"
     * @param merged    the merged region over several rows the figure's cell is part of ("D12:D13"), or null
     */
    record Value(Indicator indicator, Period period, BigDecimal value, String unit, BigDecimal factor,
                 BigDecimal tolerance, String raw, String shownUnit, int column, String columnName, CellRange merged) { }
}

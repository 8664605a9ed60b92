package io.cbec.etl.kind.indicator;

import io.cbec.etl.normalise.DivisionDirectory;
import io.cbec.etl.normalise.Province;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The province a subtotal's label names, which the rows it covers must all be in. */
class SubtotalProvinceTest {

    private static final IndicatorChecks CHECKS = new IndicatorChecks(DivisionDirectory.bundled());

    @ParameterizedTest
    @ValueSource(strings = {"浙江省小计", "浙江小计", "浙江省 小计", "小计（浙江省）", "Zhejiang subtotal", "Subtotal: Zhejiang",
        "Sub-total Zhejiang"})
    void aSubtotalNamesItsProvince(String label) {
        assertThat(CHECKS.subtotalProvince(label)).map(Province::nameEn).contains("Zhejiang");
    }

    @ParameterizedTest
    @ValueSource(strings = {"小计", "Subtotal", "Sub-total:", "东部小计"})
    void aSubtotalWithoutAProvinceNamesNone(String label) {
        assertThat(CHECKS.subtotalProvince(label)).isEmpty();
    }
}

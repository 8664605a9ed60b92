package io.cbec.etl.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParsedAndRegionTest {

    @Test
    void parsedHoldsAValueOrAReason() {
        Parsed<Integer> seven = Parsed.ok(7);
        Parsed<Integer> bad = Parsed.failed("not a batch: x");
        assertThat(seven.ok()).isTrue();
        assertThat(seven.value()).isEqualTo(7);
        assertThat(bad.ok()).isFalse();
        assertThat(bad.error()).isEqualTo("not a batch: x");
        assertThat(seven.map(n -> n * 2)).isEqualTo(Parsed.ok(14));
        assertThat(bad.map(n -> n * 2)).isEqualTo(Parsed.failed("not a batch: x"));
        assertThatThrownBy(() -> new Parsed<>(1, "both")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Parsed<>(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            北京     | East
            广东     | East
            海南     | East
            山西     | Central
            河南     | Central
            陕西     | West
            内蒙古   | West
            广西     | West
            重庆     | West
            西藏     | West
            辽宁     | Northeast
            黑龙江   | Northeast
            香港     | Other
            澳门     | Other
            台湾     | Other
            """)
    void placesProvincesInNbsRegions(String province, String label) {
        assertThat(DivisionDirectory.bundled().province(province).orElseThrow().region().label()).isEqualTo(label);
    }
}

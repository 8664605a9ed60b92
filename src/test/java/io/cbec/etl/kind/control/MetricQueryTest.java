package io.cbec.etl.kind.control;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetricQueryTest {

    @Test
    void readsMetricNamesAsAnalystsWriteThem() {
        assertQuery("Active pilot zones", "active pilot zones", Map.of());
        assertQuery("Zones in batch 7", "zones", Map.of("batch", "7"));
        assertQuery("Zones in 第七批", "zones", Map.of("batch", "7"));
        assertQuery("Zones in Guangdong", "zones", Map.of("place", "Guangdong"));
        assertQuery("pilot zones approved (batch 7)", "pilot zones approved", Map.of("batch", "7"));
        assertQuery("pilot zones nationwide", "pilot zones", Map.of("place", "nationwide"));
        assertQuery("CBEC trade value, Zhejiang, 2024", "cbec trade value", Map.of("place", "Zhejiang", "period", "2024"));
        assertQuery("出口额，杭州，2024年1-6月", "出口额", Map.of("place", "杭州", "period", "2024-01/2024-06"));
        assertQuery("Temu downloads, Worldwide, as of 2023-01-31", "temu downloads",
                Map.of("place", "Worldwide", "as-of", "2023-01-31"));
        assertQuery("Temu share of downloads, North America, United States", "temu share of downloads",
                Map.of("place", "North America", "place2", "United States"));
    }

    private static void assertQuery(String text, String metric, Map<String, String> qualifiers) {
        MetricQuery q = MetricQuery.parse(text);
        assertThat(q.metric()).as(text).isEqualTo(metric);
        assertThat(q.qualifiers()).as(text).isEqualTo(qualifiers);
        assertThat(q.text()).isEqualTo(text.replace('，', ','));
    }
}

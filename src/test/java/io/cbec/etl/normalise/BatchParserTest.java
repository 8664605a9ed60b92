package io.cbec.etl.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BatchParserTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            7              | 7
            '"7"'          | 7
            7.0            | 7
            ' 7 '          | 7
            ７             | 7
            7th            | 7
            1st            | 1
            2nd            | 2
            3rd            | 3
            seventh        | 7
            Seventh        | 7
            Seventh batch  | 7
            7th batch      | 7
            第七批         | 7
            第7批          | 7
            第７批         | 7
            第七批次       | 7
            七             | 7
            两             | 2
            VII            | 7
            vii            | 7
            IV             | 4
            Batch 7        | 7
            batch-7        | 7
            Batch No. 7    | 7
            BATCH VII      | 7
            Batch seven    | 7
            Round 3        | 3
            B7             | 7
            b-7            | 7
            第十批         | 10
            10             | 10
            第十一批       | 11
            第二十批       | 20
            X              | 10
            tenth          | 10
            """)
    void parsesBatchSpellings(String text, int batch) {
        assertThat(BatchParser.parse(text)).isEqualTo(Parsed.ok(batch));
    }

    @ParameterizedTest(name = "[{0}]: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''          | no batch given
            0           | batch out of range (1 to 99): 0
            2022        | batch out of range (1 to 99): 2022
            7.5         | batch must be a whole number: 7.5
            seven-ish   | 'not a batch: seven-ish (write e.g. 7 or 第七批)'
            IIII        | 'not a batch: IIII (write e.g. 7 or 第七批)'
            第批        | 'not a batch: 第批 (write e.g. 7 or 第七批)'
            Sheet1      | 'not a batch: Sheet1 (write e.g. 7 or 第七批)'
            """)
    void rejectsWhatIsNotABatch(String text, String reason) {
        assertThat(BatchParser.parse(text)).isEqualTo(Parsed.failed(reason));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            第七批跨境电子商务综合试验区名单（国函〔2022〕126号）         | 7
            国务院关于同意在廊坊等33个城市和地区设立跨境电子商务综合试验区的批复（第七批） | 7
            Batch 7 (approved 14 Nov 2022)                               | 7
            The seventh batch of pilot zones, 2022                       | 7
            2022 list, 7th batch                                         | 7
            第七批                                                       | 7
            Batch 7                                                      | 7
            B7                                                           | 7
            batch7                                                       | 7
            batch_6                                                      | 6
            Round VI                                                     | 6
            第6批 (2022年1月)                                            | 6
            第十批                                                       | 10
            2015 first batch                                             | 1
            """)
    void findsABatchInATitle(String title, int batch) {
        assertThat(BatchParser.findInTitle(title)).contains(batch);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"2022", "Sheet1", "汇总", "Zones 2015-2022", "国函〔2022〕126号", "B2B exporters",
            "Batch 2022", "7", "Summary by batch", ""})
    void findsNoBatchWithoutAMarker(String title) {
        assertThat(BatchParser.findInTitle(title)).isEmpty();
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            第七批跨境电子商务综合试验区名单（国函〔2022〕126号）  | 国函〔2022〕126号
            国函[2022]126号                                        | 国函〔2022〕126号
            国函(2022)126号                                        | 国函〔2022〕126号
            国函（2022）126号                                      | 国函〔2022〕126号
            国函【2022】126号                                      | 国函〔2022〕126号
            国函﹝2022﹞126号                                      | 国函〔2022〕126号
            批复文号：国函 〔2015〕 44 号                          | 国函〔2015〕44号
            国函〔2022〕8号                                        | 国函〔2022〕8号
            """)
    void findsTheReplyNumber(String title, String document) {
        assertThat(BatchParser.findDocument(title)).contains(document);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"Batch 7 (approved 14 Nov 2022)", "2022年126号", "国函", ""})
    void findsNoReplyNumberWhereThereIsNone(String title) {
        assertThat(BatchParser.findDocument(title)).isEmpty();
    }
}

package io.cbec.etl.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DivisionDirectoryTest {

    private final DivisionDirectory directory = DivisionDirectory.bundled();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            浙江                               | 330000
            浙江省                             | 330000
            Zhejiang                           | 330000
            ZHEJIANG                           | 330000
            zhejiang province                  | 330000
            ' Zhe Jiang '                      | 330000
            330000                             | 330000
            33                                 | 330000
            内蒙古                             | 150000
            内蒙古自治区                       | 150000
            Inner Mongolia                     | 150000
            Inner Mongolia Autonomous Region   | 150000
            Nei Menggu                         | 150000
            广西                               | 450000
            广西壮族自治区                     | 450000
            广西自治区                         | 450000
            Guangxi Zhuang Autonomous Region   | 450000
            新疆                               | 650000
            新疆维吾尔自治区                   | 650000
            Xinjiang Uygur                     | 650000
            Xinjiang Uyghur Autonomous Region  | 650000
            西藏                               | 540000
            Tibet                              | 540000
            Xizang                             | 540000
            宁夏                               | 640000
            Ningxia Hui Autonomous Region      | 640000
            陕西                               | 610000
            陕西省                             | 610000
            Shaanxi                            | 610000
            SHAANXI PROVINCE                   | 610000
            山西                               | 140000
            山西省                             | 140000
            Shanxi                             | 140000
            北京                               | 110000
            北京市                             | 110000
            Beijing Municipality               | 110000
            重庆                               | 500000
            香港特别行政区                     | 810000
            Hong Kong                          | 810000
            Hong Kong SAR                      | 810000
            澳门                               | 820000
            Macau                              | 820000
            吉林                               | 220000
            Jilin Province                     | 220000
            海南                               | 460000
            Hainan                             | 460000
            黑龙江省                           | 230000
            Heilongjiang                       | 230000
            安徽                               | 340000
            An Hui                             | 340000
            ２２                               | 220000
            """)
    void readsProvinceSpellings(String name, String code) {
        assertThat(directory.province(name)).map(Province::code).contains(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "Zhejang", "杭州", "Hangzhou", "330100", "99", "Shan-Xi Province X", "浙"})
    void doesNotGuessProvinces(String name) {
        assertThat(directory.province(name)).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1} {2} {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
            330000 | 浙江省           | 浙江   | Zhejiang       | EAST
            610000 | 陕西省           | 陕西   | Shaanxi        | WEST
            140000 | 山西省           | 山西   | Shanxi         | CENTRAL
            150000 | 内蒙古自治区     | 内蒙古 | Inner Mongolia | WEST
            230000 | 黑龙江省         | 黑龙江 | Heilongjiang   | NORTHEAST
            460000 | 海南省           | 海南   | Hainan         | EAST
            540000 | 西藏自治区       | 西藏   | Xizang         | WEST
            810000 | 香港特别行政区   | 香港   | Hong Kong      | OTHER
            710000 | 台湾省           | 台湾   | Taiwan         | OTHER
            """)
    void describesProvinces(String code, String nameZh, String shortZh, String nameEn, Region region) {
        assertThat(directory.provinceByCode(code))
                .contains(new Province(code, nameZh, shortZh, nameEn, region));
    }

    @Test
    void hasEveryProvinceLevelDivisionButAbroad() {
        long count = IntStream.rangeClosed(10, 99)
                .mapToObj(i -> directory.provinceByCode(Integer.toString(i)))
                .filter(Optional::isPresent)
                .count();
        assertThat(count).isEqualTo(34);
        assertThat(directory.provinceByCode("91")).isEmpty();
    }

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            杭州                                   | 浙江     | 330100
            杭州市                                 | 浙江     | 330100
            中国（杭州）跨境电子商务综合试验区     | 浙江     | 330100
            中国(杭州)跨境电子商务综合试验区       |          | 330100
            杭州跨境电子商务综合试验区             |          | 330100
            杭州综试区                             |          | 330100
            杭州市跨境电商综试区                   |          | 330100
            Hangzhou                               | Zhejiang | 330100
            Hangzhou City                          |          | 330100
            HANGZHOU                               |          | 330100
            hang zhou                              |          | 330100
            China (Hangzhou) Cross-border E-commerce Comprehensive Pilot Zone |  | 330100
            Hangzhou Comprehensive Pilot Zone      |          | 330100
            Harbin                                 |          | 230100
            Ha'erbin                               | 黑龙江   | 230100
            Haerbin                                |          | 230100
            哈尔滨市                               |          | 230100
            大理州                                 | 云南     | 532900
            大理白族自治州                         |          | 532900
            Dali Bai Autonomous Prefecture         |          | 532900
            Dali Prefecture                        | Yunnan   | 532900
            Dali                                   | Yunnan   | 532900
            Dali Prefecture                        |          | 532900
            Kashi                                  |          | 653100
            Yanbian                                | Jilin    | 222400
            喀什                                   | 新疆     | 653100
            喀什地区                               |          | 653100
            Kashi                                  | Xinjiang | 653100
            Kashgar                                |          | 653100
            Kashgar Prefecture                     |          | 653100
            延边朝鲜族自治州                       |          | 222400
            延边州                                 |          | 222400
            Yanbian Korean Autonomous Prefecture   |          | 222400
            红河州                                 | 云南     | 532500
            Honghe Hani and Yi Autonomous Prefecture |        | 532500
            义乌                                   |          | 330782
            义乌市                                 | 浙江     | 330782
            Yiwu                                   | Zhejiang | 330782
            延吉                                   | 吉林     | 222401
            珲春                                   |          | 222404
            绥芬河                                 |          | 231081
            同江                                   | 黑龙江   | 230881
            满洲里                                 |          | 150781
            Manzhouli                              |          | 150781
            阿拉山口                               |          | 652702
            Alashankou                             |          | 652702
            北京                                   |          | 110000
            北京市                                 | 北京     | 110000
            Beijing                                | Beijing  | 110000
            天津                                   | 天津     | 120000
            上海市                                 |          | 310000
            重庆                                   | 重庆     | 500000
            Chongqing                              |          | 500000
            Chongqing Municipality                 |          | 500000
            海南                                   | 海南     | 460000
            海南                                   | 青海     | 632500
            海南                                   | 内蒙古   | 150303
            海南藏族自治州                         |          | 632500
            吉林                                   | 吉林     | 220200
            吉林                                   |          | 220200
            吉林市                                 |          | 220200
            Jilin                                  | Jilin    | 220200
            Jilin City                             |          | 220200
            台州                                   | 浙江     | 331000
            泰州                                   | 江苏     | 321200
            台州市                                 |          | 331000
            泰州市                                 |          | 321200
            Taizhou                                | Zhejiang | 331000
            Taizhou                                | Jiangsu  | 321200
            Taizhou City                           | 江苏省   | 321200
            西安                                   | 陕西     | 610100
            Xi'an                                  | Shaanxi  | 610100
            太原                                   | Shanxi   | 140100
            Lhasa                                  |          | 540100
            Lasa                                   | Xizang   | 540100
            Urumqi                                 |          | 650100
            Ürümqi                                 |          | 650100
            ÜRÜMQI                                 |          | 650100
            Lüliang                                |          | 141100
            Lvliang                                |          | 141100
            Wulumuqi                               | 新疆     | 650100
            Hohhot                                 |          | 150100
            Ordos                                  |          | 150600
            Eerduosi                               | 内蒙古   | 150600
            Linyi                                  | Shandong | 371300
            东莞                                   |          | 441900
            香港                                   |          | 810000
            330100                                 |          | 330100
            """)
    void resolvesZoneSpellings(String name, String province, String code) {
        Province inProvince = province == null ? null : directory.province(province).orElseThrow();
        assertThat(directory.resolveZone(name, inProvince))
                .isInstanceOfSatisfying(ZoneMatch.Found.class,
                        found -> assertThat(found.division().code()).isEqualTo(code));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"雄安新区", "雄安", "Xiong'an", "Xiongan", "Xiong'an New Area", "XIONGAN NEW AREA", "河北雄安新区"})
    void resolvesTheXionganNewAreaWithoutACode(String name) {
        for (Province province : Arrays.asList(null, directory.province("河北").orElseThrow())) {
            var match = directory.resolveZone(name, province);
            assertThat(match).isInstanceOfSatisfying(ZoneMatch.Found.class, found -> {
                assertThat(found.division().code()).isNull();
                assertThat(found.division().level()).isEqualTo(Division.NEW_AREA);
                assertThat(found.division().nameZh()).isEqualTo("雄安新区");
                assertThat(found.division().province().code()).isEqualTo("130000");
            });
        }
    }

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Taizhou      |          | 321200 331000
            taizhou city |          | 321200 331000
            tai zhou     |          | 321200 331000
            海南         |          | 150303 460000 632500
            Hainan       |          | 150303 460000 632500
            Suzhou       |          | 320500 341300 620902
            Xian         |          | 220403 231005 610100
            Dali         |          | 532900 532901 610523 710432
            Yanbian      |          | 222400 510422
            新竹         |          | 710800 711300
            """)
    void reportsNamesThatTheProvinceDoesNotSettleAsAmbiguous(String name, String province, String codes) {
        Province inProvince = province == null ? null : directory.province(province).orElseThrow();
        assertThat(directory.resolveZone(name, inProvince))
                .isInstanceOfSatisfying(ZoneMatch.Ambiguous.class, ambiguous -> assertThat(
                        ambiguous.candidates().stream().map(Division::code).toList())
                        .isEqualTo(List.of(codes.split(" "))));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Hangzou      |
            杭洲         |
            Hangzhou     | 江苏
            台州         | 江苏
            Taizhou      | Shandong
            Shanghai     | 浙江
            ''           |
            综试区       |
            Pilot Zone   |
            """)
    void neverGuessesAZone(String name, String province) {
        Province inProvince = province == null ? null : directory.province(province).orElseThrow();
        assertThat(directory.resolveZone(name, inProvince)).isInstanceOf(ZoneMatch.Unknown.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            610100 | Xi'an
            340500 | Ma'anshan
            320800 | Huai'an
            610600 | Yan'an
            360800 | Ji'an
            370900 | Tai'an
            230100 | Harbin
            150100 | Hohhot
            650100 | Urumqi
            540100 | Lhasa
            653100 | Kashgar
            150600 | Ordos
            330100 | Hangzhou
            141100 | Lüliang
            150700 | Hulunbuir
            220200 | Jilin
            320803 | Huai'an
            532900 | Dali

            """)
    void namesDivisionsInConventionalEnglish(String code, String nameEn) {
        assertThat(directory.divisionByCode(code)).map(Division::nameEn).contains(nameEn);
    }

    @Test
    void describesDivisionLevelsAndProvinces() {
        Division yiwu = directory.divisionByCode("330782").orElseThrow();
        assertThat(yiwu).isEqualTo(new Division("330782", "义乌市", "义乌", "Yiwu", Division.COUNTY_LEVEL,
                directory.provinceByCode("33").orElseThrow()));
        assertThat(directory.divisionByCode("441900").orElseThrow().level()).isEqualTo(Division.PREFECTURE_LEVEL);
        assertThat(directory.divisionByCode("110000").orElseThrow().level()).isEqualTo(Division.PROVINCE_LEVEL);
        assertThat(directory.provinceOf("330782").code()).isEqualTo("330000");
        assertThatThrownBy(() -> directory.provinceOf("zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isLoadedOnce() {
        assertThat(DivisionDirectory.bundled()).isSameAs(directory);
    }
}

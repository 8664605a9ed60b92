package io.cbec.etl.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every one of the 165 zones in the bundled registry resolves, from its Chinese names and from its
 * romanised names, to the division with the expected code. The expected codes were taken by hand from
 * the divisions file (exact official name within the province), independently of the resolver.
 */
class PilotZonesRealDataTest {

    private static final String EXPECTED_CODES = """
            杭州市 330100 天津市 120000 上海市 310000 重庆市 500000 合肥市 340100 郑州市 410100 广州市 440100
            成都市 510100 大连市 210200 宁波市 330200 青岛市 370200 深圳市 440300 苏州市 320500 北京市 110000
            呼和浩特市 150100 沈阳市 210100 长春市 220100 哈尔滨市 230100 南京市 320100 南昌市 360100
            武汉市 420100 长沙市 430100 南宁市 450100 海口市 460100 贵阳市 520100 昆明市 530100 西安市 610100
            兰州市 620100 厦门市 350200 唐山市 130200 无锡市 320200 威海市 371000 珠海市 440400 东莞市 441900
            义乌市 330782 石家庄市 130100 太原市 140100 赤峰市 150400 抚顺市 210400 珲春市 222404
            绥芬河市 231081 徐州市 320300 南通市 320600 温州市 330300 绍兴市 330600 芜湖市 340200 福州市 350100
            泉州市 350500 赣州市 360700 济南市 370100 烟台市 370600 洛阳市 410300 黄石市 420200 岳阳市 430600
            汕头市 440500 佛山市 440600 泸州市 510500 海东市 630200 银川市 640100 雄安新区 none 大同市 140200
            满洲里市 150781 营口市 210800 盘锦市 211100 吉林市 220200 黑河市 231100 常州市 320400
            连云港市 320700 淮安市 320800 盐城市 320900 宿迁市 321300 湖州市 330500 嘉兴市 330400 衢州市 330800
            台州市 331000 丽水市 331100 安庆市 340800 漳州市 350600 莆田市 350300 龙岩市 350800 九江市 360400
            东营市 370500 潍坊市 370700 临沂市 371300 南阳市 411300 宜昌市 420500 湘潭市 430300 郴州市 431000
            梅州市 441400 惠州市 441300 中山市 442000 江门市 440700 湛江市 440800 茂名市 440900 肇庆市 441200
            崇左市 451400 三亚市 460200 德阳市 510600 绵阳市 510700 遵义市 520300 德宏傣族景颇族自治州 533100
            延安市 610600 天水市 620500 西宁市 630100 乌鲁木齐市 650100 鄂尔多斯市 150600 扬州市 321000
            镇江市 321100 泰州市 321200 金华市 330700 舟山市 330900 马鞍山市 340500 宣城市 341800
            景德镇市 360200 上饶市 361100 淄博市 370300 日照市 371100 襄阳市 420600 韶关市 440200 汕尾市 441500
            河源市 441600 阳江市 441700 清远市 441800 潮州市 445100 揭阳市 445200 云浮市 445300 南充市 511300
            眉山市 511400 红河哈尼族彝族自治州 532500 宝鸡市 610300 喀什地区 653100 阿拉山口市 652702
            廊坊市 131000 沧州市 130900 运城市 140800 包头市 150200 鞍山市 210300 延吉市 222401 同江市 230881
            蚌埠市 340300 南平市 350700 宁德市 350900 萍乡市 360300 新余市 360500 宜春市 360900 吉安市 360800
            枣庄市 370400 济宁市 370800 泰安市 370900 德州市 371400 聊城市 371500 滨州市 371600 菏泽市 371700
            焦作市 410800 许昌市 411000 衡阳市 430400 株洲市 430200 柳州市 450200 贺州市 451100 宜宾市 511500
            达州市 511700 铜仁市 520600 大理白族自治州 532900 拉萨市 540100 伊犁哈萨克自治州 654000
            """;

    private record Zone(String nameZh, String nameEn, String provinceZh, String provinceEn) {
    }

    private static List<Zone> zones;
    private static Map<String, String> expectedCodes;
    private final DivisionDirectory directory = DivisionDirectory.bundled();

    @BeforeAll
    static void readRegistry() throws IOException {
        try (InputStream in = PilotZonesRealDataTest.class.getResourceAsStream("/reference/cbec-pilot-zones-2015-2022.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            // The registry has no quoted fields, so a plain split is enough here.
            zones = lines.stream().map(line -> line.split(","))
                    .map(f -> new Zone(f[3], f[4], f[5], f[6]))
                    .toList();
        }
        String[] pairs = EXPECTED_CODES.strip().split("\\s+");
        expectedCodes = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            expectedCodes.put(pairs[i], pairs[i + 1].equals("none") ? null : pairs[i + 1]);
        }
    }

    @Test
    void registryHoldsThe165Zones() {
        assertThat(zones).hasSize(165);
        assertThat(expectedCodes).hasSize(165);
        assertThat(zones.stream().map(Zone::nameZh).collect(Collectors.toSet())).isEqualTo(expectedCodes.keySet());
    }

    @Test
    void everyZoneResolvesFromItsChineseNames() {
        for (Zone zone : zones) {
            Province province = directory.province(zone.provinceZh()).orElseThrow();
            assertThat(province.nameZh()).isEqualTo(zone.provinceZh());
            assertResolves(zone, zone.nameZh(), province);
        }
    }

    @Test
    void everyZoneResolvesFromItsRomanisedNames() {
        for (Zone zone : zones) {
            Province province = directory.province(zone.provinceEn()).orElseThrow();
            assertThat(province.nameZh()).as(zone.provinceEn()).isEqualTo(zone.provinceZh());
            assertResolves(zone, zone.nameEn(), province);
        }
    }

    @Test
    void noTwoZonesShareADivision() {
        Set<Division> divisions = new HashSet<>();
        for (Zone zone : zones) {
            Province province = directory.province(zone.provinceZh()).orElseThrow();
            ZoneMatch match = directory.resolveZone(zone.nameZh(), province);
            assertThat(match).isInstanceOf(ZoneMatch.Found.class);
            divisions.add(((ZoneMatch.Found) match).division());
        }
        assertThat(divisions).hasSize(165);
    }

    private void assertResolves(Zone zone, String name, Province province) {
        ZoneMatch match = directory.resolveZone(name, province);
        assertThat(match).as("%s in %s", name, province.shortZh()).isInstanceOf(ZoneMatch.Found.class);
        Division division = ((ZoneMatch.Found) match).division();
        assertThat(division.code()).as(name).isEqualTo(expectedCodes.get(zone.nameZh()));
        assertThat(division.nameZh()).as(name).isEqualTo(zone.nameZh());
        assertThat(division.province()).as(name).isEqualTo(province);
    }
}

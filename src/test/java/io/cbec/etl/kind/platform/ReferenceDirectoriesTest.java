package io.cbec.etl.kind.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceDirectoriesTest {

    private static final CountryDirectory COUNTRIES = CountryDirectory.load(null);
    private static final PlatformDirectory PLATFORMS = PlatformDirectory.load(null);

    @ParameterizedTest(name = "[{0}] -> {1} ({2})")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            United States                 | US | Northern America
            USA                           | US | Northern America
            U.S.                          | US | Northern America
            us                            | US | Northern America
            美国                          | US | Northern America
            United Kingdom                | GB | Northern Europe
            UK                            | GB | Northern Europe
            英国                          | GB | Northern Europe
            Great Britain                 | GB | Northern Europe
            "Korea, Republic of"          | KR | Eastern Asia
            South Korea                   | KR | Eastern Asia
            韩国                          | KR | Eastern Asia
            North Korea                   | KP | Eastern Asia
            DR Congo                      | CD | Sub-Saharan Africa
            Congo                         | CG | Sub-Saharan Africa
            Côte d'Ivoire                 | CI | Sub-Saharan Africa
            Cote d'Ivoire                 | CI | Sub-Saharan Africa
            Türkiye                       | TR | Western Asia
            Turkey                        | TR | Western Asia
            Czech Republic                | CZ | Eastern Europe
            Hong Kong                     | HK | Eastern Asia
            香港                          | HK | Eastern Asia
            Macau                         | MO | Eastern Asia
            Taiwan                        | TW | Eastern Asia
            Mexico                        | MX | Latin America and the Caribbean
            墨西哥                        | MX | Latin America and the Caribbean
            Greenland                     | GL | Northern America
            Bermuda                       | BM | Northern America
            Viet Nam                      | VN | South-eastern Asia
            UAE                           | AE | Western Asia
            阿联酋                        | AE | Western Asia
            Dominica                      | DM | Latin America and the Caribbean
            Dominican Republic            | DO | Latin America and the Caribbean
            Niger                         | NE | Sub-Saharan Africa
            Nigeria                       | NG | Sub-Saharan Africa
            Guinea-Bissau                 | GW | Sub-Saharan Africa
            Jersey                        | JE | Northern Europe
            """)
    void readsCountryNames(String name, String code, String subRegion) {
        Country c = COUNTRIES.country(name).orElseThrow(() -> new AssertionError("no country for " + name));
        assertThat(c.code()).isEqualTo(code);
        assertThat(c.subRegion()).isEqualTo(subRegion);
    }

    @Test
    void hasAllCountriesAndTheAreasTotalsName() {
        assertThat(COUNTRIES.all()).hasSize(249);
        assertThat(COUNTRIES.area("North America").orElseThrow().codes())
                .containsExactlyInAnyOrder("US", "CA", "BM", "GL", "PM");
        assertThat(COUNTRIES.area("北美").orElseThrow().name()).isEqualTo("Northern America");
        for (String world : new String[] {"Worldwide", "All Countries", "全球", "worldwide"}) {
            assertThat(COUNTRIES.area(world).orElseThrow().world()).as(world).isTrue();
        }
        assertThat(COUNTRIES.area("Europe").orElseThrow().codes()).contains("DE", "GB", "RU").doesNotContain("TR");
        assertThat(COUNTRIES.area("United States")).isEmpty();
        assertThat(COUNTRIES.country("Atlantis")).isEmpty();
        assertThat(COUNTRIES.country("Antarctica").orElseThrow().reportRegion()).isEqualTo("Other");
    }

    @ParameterizedTest(name = "[{0}] -> {1} / {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Temu                             | Temu        | PDD Holdings
            Temu: Shop Like a Billionaire    | Temu        | PDD Holdings
            TEMU - Shop Like a Billionaire   | Temu        | PDD Holdings
            Temu (iOS)                       | Temu        | PDD Holdings
            拼多多                           | Pinduoduo   | PDD Holdings
            速卖通                           | AliExpress  | Alibaba Group
            AliExpress Shopping App          | AliExpress  | Alibaba Group
            希音                             | Shein       | Shein
            SHEIN - Online Fashion           | Shein       | Shein
            Lazada                           | Lazada      | Alibaba Group
            淘宝                             | Taobao      | Alibaba Group
            TikTok Shop                      | TikTok Shop | ByteDance
            Alibaba.com                      | Alibaba.com | Alibaba Group
            """)
    void readsAppNames(String name, String platform, String parent) {
        Platform p = PLATFORMS.platform(name).orElseThrow(() -> new AssertionError("no platform for " + name));
        assertThat(p).isEqualTo(new Platform(platform, parent));
    }

    @Test
    void unknownAppsAreNotGuessedAndTheReferenceFolderExtendsTheList(@TempDir Path dir) throws Exception {
        assertThat(PLATFORMS.platform("Wish: Shop and Save")).isEmpty();
        assertThat(PLATFORMS.platform("Shopping")).isEmpty();
        Files.writeString(dir.resolve("platforms.csv"), "platform,parent_company,aliases\nWish,ContextLogic,Wish: Shop and Save\n");
        Files.writeString(dir.resolve("countries.csv"),
                "code,name_en,name_zh,region,sub_region,intermediate_region,aliases\nUS,United States,美国,Americas,Northern America,,Amerika\n");
        assertThat(PlatformDirectory.load(dir).platform("Wish: Shop and Save").orElseThrow().parentCompany())
                .isEqualTo("ContextLogic");
        assertThat(CountryDirectory.load(dir).country("Amerika").orElseThrow().code()).isEqualTo("US");
    }
}

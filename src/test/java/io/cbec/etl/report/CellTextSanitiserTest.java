package io.cbec.etl.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CellTextSanitiserTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+86 571", "-5%", "@SUM(A1)", "\tcmd", "\r=x", "=HYPERLINK(\"http://x\",\"y\")"})
    void textStartingLikeAFormulaIsQuotePrefixed(String text) {
        assertThat(CellTextSanitiser.sanitise(text)).isEqualTo(new CellTextSanitiser.SafeText(text, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Zhejiang", " =1", "浙江", "1=1", "a-b", "\nline"})
    void ordinaryTextIsNotQuotePrefixed(String text) {
        assertThat(CellTextSanitiser.sanitise(text).quotePrefixed()).isFalse();
    }

    @Test
    void controlCharactersOtherThanTabLineFeedAndCarriageReturnAreRemoved() {
        assertThat(CellTextSanitiser.sanitise("a\u0000b\u0001c\u000Bd\u000Ce\u001Ff\u007Fg\u0085h\tI\nJ\rK\uFFFEL").text())
                .isEqualTo("abcdefgh\tI\nJ\rKL");
        assertThat(CellTextSanitiser.sanitise("lone \uD800 surrogate \uDC00, pair \uD83D\uDE00").text())
                .isEqualTo("lone  surrogate , pair \uD83D\uDE00");
    }

    @Test
    void textUpToTheLimitIsKeptWhole() {
        String text = "z".repeat(CellTextSanitiser.MAX_CELL_CHARS);
        assertThat(CellTextSanitiser.sanitise(text).text()).isSameAs(text);
    }

    @Test
    void overLongTextIsCutToTheLimitAndSaysHowMuchWasRemoved() {
        String text = "y".repeat(CellTextSanitiser.MAX_CELL_CHARS + 1);
        String safe = CellTextSanitiser.sanitise(text).text();
        assertThat(safe).hasSize(CellTextSanitiser.MAX_CELL_CHARS);
        int kept = safe.indexOf('…');
        assertThat(safe).endsWith("…[truncated " + (text.length() - kept) + " chars]");
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
        String text = "\uD83D\uDE00".repeat(20_000); // 40,000 UTF-16 units
        String safe = CellTextSanitiser.sanitise(text).text();
        assertThat(safe.length()).isLessThanOrEqualTo(CellTextSanitiser.MAX_CELL_CHARS);
        int kept = safe.indexOf('…');
        assertThat(kept % 2).isZero();
        assertThat(Character.isHighSurrogate(safe.charAt(kept - 1))).isFalse();
        assertThat(safe).endsWith("[truncated " + (text.length() - kept) + " chars]");
    }
}

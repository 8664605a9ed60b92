package io.cbec.etl.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedMemoTest {

    @Test
    void looksEachTextUpOnceWhileUnderCapacity() {
        List<String> lookedUp = new ArrayList<>();
        BoundedMemo<Integer> memo = new BoundedMemo<>(10, text -> {
            lookedUp.add(text);
            return text.length();
        });

        for (int i = 0; i < 1000; i++) {
            assertThat(memo.get("Temu")).isEqualTo(4);
            assertThat(memo.get("United States")).isEqualTo(13);
        }

        assertThat(lookedUp).containsExactly("Temu", "United States");
    }

    @Test
    void pastCapacityItStartsAfreshAndStillAnswersRight() {
        List<String> lookedUp = new ArrayList<>();
        BoundedMemo<String> memo = new BoundedMemo<>(2, text -> {
            lookedUp.add(text);
            return text.toUpperCase();
        });

        assertThat(memo.get("a")).isEqualTo("A");
        assertThat(memo.get("b")).isEqualTo("B");
        assertThat(memo.get("c")).isEqualTo("C"); // full: the memo is emptied, then holds "c"
        assertThat(memo.get("a")).isEqualTo("A"); // looked up again
        assertThat(memo.get("c")).isEqualTo("C"); // still remembered

        assertThat(lookedUp).containsExactly("a", "b", "c", "a");
    }
}

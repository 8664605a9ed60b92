package io.cbec.etl.kind;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowOutcomeTest {

    @Test
    void aRejectionQuotesTheStartOfALongValueAndKeepsTheValueWhole() {
        String raw = "9".repeat(3_000) + "abc";
        RowOutcome.Rejected rejected = new RowOutcome.Rejected("D (Downloads)", raw, "cannot read a number in '" + raw + "'");

        assertThat(rejected.raw()).isEqualTo(raw);
        assertThat(rejected.reason()).isEqualTo("cannot read a number in '" + "9".repeat(50) + "... (3,003 characters)'");
    }

    @Test
    void aCleanedValueQuotedInsteadOfTheRawOneIsShortenedToo() {
        String cleaned = "杭州" + "x".repeat(500);
        RowOutcome.Rejected rejected = new RowOutcome.Rejected("B", "杭州\u0000" + "x".repeat(500),
                "unknown zone '" + cleaned + "': check the spelling, or 'see the list'");

        assertThat(rejected.reason()).isEqualTo("unknown zone '杭州" + "x".repeat(48) + "... (502 characters)': check the"
                + " spelling, or 'see the list'");
    }

    @Test
    void textBetweenTwoShortQuotesIsNotTakenForAQuotedValue() {
        String reason = "the header 'Revenue (EUR)' gives the amounts in EUR, a currency not supported: only USD and CNY"
                + " are supported; name the column 'Revenue (USD)'";
        RowOutcome.Rejected rejected = new RowOutcome.Rejected("C", "x".repeat(100), reason);

        assertThat(rejected.reason()).isEqualTo(reason);
    }

    @Test
    void theQuotedStartNeverEndsInHalfACharacter() {
        String raw = "x".repeat(49) + "😀".repeat(40);
        RowOutcome.Rejected rejected = new RowOutcome.Rejected("D", raw, "cannot read a number in '" + raw + "'");

        assertThat(rejected.reason()).isEqualTo("cannot read a number in '" + "x".repeat(49) + "... (89 characters)'");
    }

    @Test
    void aShortValueIsQuotedWhole() {
        RowOutcome.Rejected rejected = new RowOutcome.Rejected("D", "about 12", "cannot read a number in 'about 12'");

        assertThat(rejected.reason()).isEqualTo("cannot read a number in 'about 12'");
    }
}

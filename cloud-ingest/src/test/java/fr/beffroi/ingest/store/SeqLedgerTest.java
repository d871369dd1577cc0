package fr.beffroi.ingest.store;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SeqLedgerTest {
    @Test
    void adjacentRangesCoalesceIntoOne() {
        SeqLedger ledger = new SeqLedger(List.of(new SeqRange(1, 100)));

        ledger.record(new SeqRange(101, 200));

        assertThat(ledger.ranges()).containsExactly(new SeqRange(1, 200));
    }

    @Test
    void anOverlappingResendExtendsTheRangeAndCoversOnlyWhatWasCommitted() {
        SeqLedger ledger = new SeqLedger(List.of(new SeqRange(1, 200)));

        assertThat(ledger.covers(200)).isTrue();
        assertThat(ledger.covers(201)).isFalse();
        ledger.record(new SeqRange(1, 500));

        assertThat(ledger.ranges()).containsExactly(new SeqRange(1, 500));
    }

    @Test
    void aGapStaysUntilFilledThenEverythingMerges() {
        SeqLedger ledger = new SeqLedger(List.of(new SeqRange(1, 10), new SeqRange(21, 30), new SeqRange(50, 60)));

        assertThat(ledger.covers(15)).isFalse();
        ledger.record(new SeqRange(11, 20));
        assertThat(ledger.ranges()).containsExactly(new SeqRange(1, 30), new SeqRange(50, 60));

        ledger.record(new SeqRange(5, 55));
        assertThat(ledger.ranges()).containsExactly(new SeqRange(1, 60));
    }

    @Test
    void aRangeInsideAnotherChangesNothing() {
        SeqLedger ledger = new SeqLedger(List.of(new SeqRange(1, 100)));

        ledger.record(new SeqRange(40, 60));

        assertThat(ledger.ranges()).containsExactly(new SeqRange(1, 100));
    }

    @Test
    void theEndsOfTheLongRangeDoNotOverflow() {
        SeqLedger ledger = new SeqLedger(List.of(new SeqRange(Long.MAX_VALUE - 1, Long.MAX_VALUE)));

        ledger.record(new SeqRange(0, Long.MAX_VALUE - 2));

        assertThat(ledger.ranges()).containsExactly(new SeqRange(0, Long.MAX_VALUE));
        assertThat(ledger.covers(Long.MAX_VALUE)).isTrue();
    }
}

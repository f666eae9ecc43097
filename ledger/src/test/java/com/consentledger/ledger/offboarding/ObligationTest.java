package com.consentledger.ledger.offboarding;

import com.consentledger.ledger.events.ErasureRequested;
import com.consentledger.ledger.events.SubjectDeactivated;
import com.consentledger.ledger.events.SubjectErased;
import com.consentledger.ledger.events.SubjectOffboarded;
import com.consentledger.ledger.subject.SubjectHistory;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ObligationTest {

    private static final Instant LEFT = Instant.parse("2025-03-07T06:00:00Z");
    private static final Instant DUE = Instant.parse("2025-03-12T16:00:00Z");

    private static SubjectHistory offboarded() {
        return SubjectHistory.empty("E1").evolve(new SubjectOffboarded("E1", LEFT, DUE), 1L);
    }

    @Test
    void a_deadline_is_pending_until_it_passes_then_late() {
        Obligation deactivation = Obligation.of(offboarded()).getFirst();
        assertThat(deactivation.kind()).isEqualTo(Obligation.Kind.DEACTIVATION);
        assertThat(deactivation.statusAt(DUE.minusMillis(1))).isEqualTo(Obligation.Status.PENDING);
        assertThat(deactivation.statusAt(DUE)).isEqualTo(Obligation.Status.LATE);
    }

    @Test
    void met_before_the_deadline_is_met_and_after_it_is_late_for_ever() {
        Obligation inTime = Obligation.of(offboarded().evolve(new SubjectDeactivated("E1", DUE.minusSeconds(1)), 2L)).getFirst();
        assertThat(inTime.statusAt(DUE.plusSeconds(3_600))).isEqualTo(Obligation.Status.MET);
        Obligation tooLate = Obligation.of(offboarded().evolve(new SubjectDeactivated("E1", DUE), 2L)).getFirst();
        assertThat(tooLate.statusAt(DUE.plusSeconds(3_600))).isEqualTo(Obligation.Status.LATE);
    }

    @Test
    void each_erasure_request_is_its_own_obligation_met_by_the_erasure_answering_it() {
        SubjectHistory history = SubjectHistory.empty("E1")
                .evolve(new ErasureRequested("E1", "r-1", "E1", LEFT, DUE), 1L)
                .evolve(new SubjectErased("E1", "r-1", LEFT.plusSeconds(60)), 2L);
        assertThat(Obligation.of(history)).singleElement().satisfies(erasure -> {
            assertThat(erasure.kind()).isEqualTo(Obligation.Kind.ERASURE);
            assertThat(erasure.metAt()).isEqualTo(LEFT.plusSeconds(60));
            assertThat(erasure.statusAt(DUE.plusSeconds(1))).isEqualTo(Obligation.Status.MET);
        });
    }
}

package com.consentledger.ledger.subject;

import com.consentledger.ledger.events.SubjectDeactivated;
import com.consentledger.ledger.events.SubjectErased;
import com.consentledger.ledger.subject.SubjectHistory.Inactive;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectHistoryTest {

    private static final Instant DEACTIVATED_AT = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant ERASED_AT = Instant.parse("2025-04-01T00:00:00Z");

    /** Events recorded out of valid-time order: the erasure first, the deactivation it follows after it. */
    private static final SubjectHistory DEACTIVATED_THEN_ERASED = new SubjectHistory("E1", List.of(
            new Recorded(new SubjectErased("E1", "R1", ERASED_AT), 1L),
            new Recorded(new SubjectDeactivated("E1", DEACTIVATED_AT), 2L)));

    @Test
    void a_subject_is_inactive_from_the_valid_time_of_its_deactivation_and_erased_from_that_of_its_erasure() {
        assertThat(DEACTIVATED_THEN_ERASED.inactiveAt(DEACTIVATED_AT.minusNanos(1))).isEmpty();
        assertThat(DEACTIVATED_THEN_ERASED.inactiveAt(DEACTIVATED_AT)).contains(Inactive.DEACTIVATED);
        assertThat(DEACTIVATED_THEN_ERASED.inactiveAt(ERASED_AT.minusNanos(1))).contains(Inactive.DEACTIVATED);
        assertThat(DEACTIVATED_THEN_ERASED.inactiveAt(ERASED_AT)).contains(Inactive.ERASED);
        assertThat(SubjectHistory.empty("E2").inactiveAt(ERASED_AT)).isEmpty();
    }
}

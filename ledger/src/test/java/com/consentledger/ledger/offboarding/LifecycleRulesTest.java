package com.consentledger.ledger.offboarding;

import com.consentledger.ledger.events.ErasureRequested;
import com.consentledger.ledger.events.SubjectDeactivated;
import com.consentledger.ledger.events.SubjectErased;
import com.consentledger.ledger.events.SubjectOffboarded;
import com.consentledger.ledger.rules.Rule;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static com.consentledger.ledger.domain.Domain.NOW;
import static com.consentledger.ledger.domain.Domain.fixture;
import static com.consentledger.ledger.domain.Domain.id;
import static com.consentledger.ledger.domain.Domain.violates;

/** Rules 6 and 7 with the bundled mainland-China calendar (Asia/Shanghai). */
class LifecycleRulesTest {

    private static final String E1024 = "E1024";
    /** Friday 2025-03-07 14:00 in Shanghai. */
    private static final Instant LEFT_FRIDAY = Instant.parse("2025-03-07T06:00:00Z");

    @Test
    void offboarding_on_a_friday_is_due_by_the_end_of_the_third_working_day_wednesday() {
        fixture().given().noPriorActivity()
                .when().command(new OffboardSubject(E1024, LEFT_FRIDAY))
                .then().success().events(new SubjectOffboarded(E1024, LEFT_FRIDAY,
                        Instant.parse("2025-03-12T16:00:00Z"))); // Thursday 00:00 in Shanghai
    }

    @Test
    void a_subject_leaves_once() {
        fixture().given().event(new SubjectOffboarded(E1024, LEFT_FRIDAY, NOW))
                .when().command(new OffboardSubject(E1024, LEFT_FRIDAY))
                .then().exceptionSatisfies(violates(Rule.ALREADY_OFFBOARDED)).noEvents();
    }

    @Test
    void a_subject_is_deactivated_once() {
        fixture().given().noPriorActivity()
                .when().command(new DeactivateSubject(E1024, null))
                .then().success().events(new SubjectDeactivated(E1024, NOW));
        fixture().given().event(new SubjectDeactivated(E1024, LEFT_FRIDAY))
                .when().command(new DeactivateSubject(E1024, null))
                .then().exceptionSatisfies(violates(Rule.ALREADY_DEACTIVATED)).noEvents();
    }

    @Test
    void an_erasure_request_is_due_in_15_days_and_only_one_is_open_at_a_time() {
        fixture().given().noPriorActivity()
                .when().command(new RequestErasure(E1024, E1024, null))
                .then().success().events(new ErasureRequested(E1024, id(1).toString(), E1024, NOW,
                        Instant.parse("2025-03-25T09:00:00Z")));
        fixture().given().event(new ErasureRequested(E1024, "r-1", E1024, LEFT_FRIDAY, NOW))
                .when().command(new RequestErasure(E1024, "hr-7", null))
                .then().exceptionSatisfies(violates(Rule.ERASURE_ALREADY_REQUESTED)).noEvents();
    }

    @Test
    void completing_an_erasure_answers_the_open_request_and_nothing_else() {
        fixture().given().event(new ErasureRequested(E1024, "r-1", E1024, LEFT_FRIDAY, NOW))
                .when().command(new CompleteErasure(E1024, null))
                .then().success().events(new SubjectErased(E1024, "r-1", NOW));
        fixture().given().noPriorActivity()
                .when().command(new CompleteErasure(E1024, null))
                .then().exceptionSatisfies(violates(Rule.NO_ERASURE_REQUESTED)).noEvents();
        fixture().given().event(new ErasureRequested(E1024, "r-1", E1024, LEFT_FRIDAY, NOW))
                .event(new SubjectErased(E1024, "r-1", LEFT_FRIDAY.plusSeconds(60)))
                .when().command(new RequestErasure(E1024, E1024, null))
                .then().exceptionSatisfies(violates(Rule.SUBJECT_ERASED)).noEvents();
    }

    @Test
    void leaving_is_a_fact_and_cannot_be_dated_in_the_future() {
        fixture().given().noPriorActivity()
                .when().command(new OffboardSubject(E1024, NOW.plusSeconds(86_400)))
                .then().exceptionSatisfies(violates(Rule.OCCURRED_IN_FUTURE, "leftAt")).noEvents();
        fixture().given().noPriorActivity()
                .when().command(new OffboardSubject(E1024, null))
                .then().exceptionSatisfies(violates(Rule.INVALID_COMMAND, "leftAt")).noEvents();
    }
}

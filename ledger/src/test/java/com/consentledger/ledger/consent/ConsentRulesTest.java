package com.consentledger.ledger.consent;

import com.consentledger.ledger.events.ConsentGranted;
import com.consentledger.ledger.events.ConsentWithdrawn;
import com.consentledger.ledger.events.Evidence;
import com.consentledger.ledger.events.SubjectDeactivated;
import com.consentledger.ledger.events.SubjectErased;
import com.consentledger.ledger.rules.Require;
import com.consentledger.ledger.rules.Rule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static com.consentledger.ledger.domain.Domain.AVATAR;
import static com.consentledger.ledger.domain.Domain.DEVICE_BINDING;
import static com.consentledger.ledger.domain.Domain.LOCATION;
import static com.consentledger.ledger.domain.Domain.NOW;
import static com.consentledger.ledger.domain.Domain.POLICY;
import static com.consentledger.ledger.domain.Domain.PROMOTIONS;
import static com.consentledger.ledger.domain.Domain.SHA_V1;
import static com.consentledger.ledger.domain.Domain.firstVersion;
import static com.consentledger.ledger.domain.Domain.fixture;
import static com.consentledger.ledger.domain.Domain.id;
import static com.consentledger.ledger.domain.Domain.version;
import static com.consentledger.ledger.domain.Domain.violates;

class ConsentRulesTest {

    private static final String E1024 = "E1024";
    private static final String V1 = "2020-07-20";
    private static final Instant DECIDED_AT = Instant.parse("2025-03-03T08:00:00Z");
    private static final Evidence EVIDENCE = new Evidence(DECIDED_AT.minusSeconds(20), SHA_V1);

    private static GrantConsent grant(String purpose, List<String> recipients) {
        return new GrantConsent(E1024, POLICY, purpose, V1, recipients, "android-app", EVIDENCE, DECIDED_AT);
    }

    private static ConsentGranted granted(String purpose, List<String> recipients, boolean bundled, long consentId) {
        return new ConsentGranted(E1024, id(consentId).toString(), purpose, POLICY, V1, recipients, "android-app",
                EVIDENCE, bundled, DECIDED_AT);
    }

    @Test
    void an_explicit_grant_naming_the_recipient_is_recorded() {
        fixture().given().event(firstVersion())
                .when().command(grant(LOCATION.id(), List.of("amap-sdk")))
                .then().success().events(granted(LOCATION.id(), List.of("amap-sdk"), false, 1));
    }

    @Test
    void a_grant_without_a_time_happens_when_the_ledger_receives_it() {
        fixture().given().event(firstVersion())
                .when().command(new GrantConsent(E1024, POLICY, AVATAR.id(), V1, List.of(), "web", null, null))
                .then().success().events(new ConsentGranted(E1024, id(1).toString(), AVATAR.id(), POLICY, V1, List.of(),
                        "web", null, false, NOW));
    }

    @Test
    void a_purpose_no_version_defines_is_unknown() {
        fixture().given().event(firstVersion())
                .when().command(grant("mind-reading", List.of()))
                .then().exceptionSatisfies(violates(Rule.PURPOSE_UNKNOWN, "purpose")).noEvents();
    }

    @Test
    void the_purpose_must_exist_in_the_version_the_person_saw() {
        var later = version("2025-01-01", Instant.parse("2025-01-01T00:00:00Z"), false, List.of(), AVATAR,
                new com.consentledger.ledger.policy.PurposeDefinition("liveness-detection", List.of("camera"), "consent",
                        true, true, List.of("tencent-cloud-live")));
        fixture().given().event(firstVersion()).event(later)
                .when().command(grant("liveness-detection", List.of("tencent-cloud-live")))
                .then().exceptionSatisfies(violates(Rule.PURPOSE_NOT_IN_VERSION, "purpose")).noEvents();
    }

    @Test
    void a_version_the_policy_does_not_have_is_refused_and_so_is_a_policy_never_published() {
        fixture().given().event(firstVersion())
                .when().command(new GrantConsent(E1024, POLICY, AVATAR.id(), "1999-01-01", List.of(), "web", null, DECIDED_AT))
                .then().exceptionSatisfies(violates(Rule.POLICY_VERSION_UNKNOWN, "policyVersion")).noEvents();
        fixture().given().noPriorActivity()
                .when().command(grant(AVATAR.id(), List.of()))
                .then().exceptionSatisfies(violates(Rule.POLICY_UNKNOWN)).noEvents();
    }

    @Test
    void plain_purposes_may_be_accepted_together() {
        fixture().given().event(firstVersion())
                .when().command(new AcceptAllPurposes(E1024, POLICY, V1, List.of(AVATAR.id(), PROMOTIONS.id()),
                        "android-app", EVIDENCE, DECIDED_AT))
                .then().success().events(granted(AVATAR.id(), List.of(), true, 1), granted(PROMOTIONS.id(), List.of(), true, 2));
    }

    @Test
    void a_sensitive_or_third_party_purpose_is_never_part_of_accept_all() {
        fixture().given().event(firstVersion())
                .when().command(new AcceptAllPurposes(E1024, POLICY, V1, List.of(AVATAR.id(), LOCATION.id()),
                        "android-app", EVIDENCE, DECIDED_AT))
                .then().exceptionSatisfies(violates(Rule.BUNDLED_CONSENT_NOT_ALLOWED, "purposes")).noEvents();
    }

    @Test
    void a_third_party_grant_must_name_the_recipient_and_only_real_recipients() {
        fixture().given().event(firstVersion())
                .when().command(grant(LOCATION.id(), List.of()))
                .then().exceptionSatisfies(violates(Rule.RECIPIENT_NOT_NAMED, "recipients")).noEvents();
        fixture().given().event(firstVersion())
                .when().command(grant(LOCATION.id(), List.of("amap-sdk", "ad-network")))
                .then().exceptionSatisfies(violates(Rule.RECIPIENT_UNKNOWN, "recipients")).noEvents();
    }

    @Test
    void a_purpose_with_another_lawful_basis_takes_no_consent() {
        fixture().given().event(firstVersion())
                .when().command(grant(DEVICE_BINDING.id(), List.of()))
                .then().exceptionSatisfies(violates(Rule.CONSENT_NOT_APPLICABLE, "purpose")).noEvents();
    }

    @Test
    void the_evidence_must_be_of_the_version_consented_to() {
        fixture().given().event(firstVersion())
                .when().command(new GrantConsent(E1024, POLICY, AVATAR.id(), V1, List.of(), "web",
                        new Evidence(DECIDED_AT, "c".repeat(64)), DECIDED_AT))
                .then().exceptionSatisfies(violates(Rule.INVALID_COMMAND, "evidence.textSha256")).noEvents();
    }

    @Test
    void a_decision_dated_beyond_clock_skew_in_the_future_is_refused() {
        Instant tooLate = NOW.plus(Require.CLOCK_SKEW_ALLOWED).plusSeconds(1);
        fixture().given().event(firstVersion())
                .when().command(new GrantConsent(E1024, POLICY, AVATAR.id(), V1, List.of(), "web", null, tooLate))
                .then().exceptionSatisfies(violates(Rule.OCCURRED_IN_FUTURE, "occurredAt")).noEvents();
    }

    @Test
    void withdrawing_a_consent_in_force_is_recorded() {
        Instant withdrawnAt = DECIDED_AT.plusSeconds(3_600);
        fixture().given().event(firstVersion()).event(granted(AVATAR.id(), List.of(), false, 90))
                .when().command(new WithdrawConsent(E1024, AVATAR.id(), "changed my mind", "android-app", withdrawnAt))
                .then().success().events(new ConsentWithdrawn(E1024, AVATAR.id(), "changed my mind", "android-app",
                        withdrawnAt));
    }

    @Test
    void withdrawing_what_is_not_in_force_is_a_conflict_not_a_silent_no_op() {
        WithdrawConsent withdraw = new WithdrawConsent(E1024, AVATAR.id(), null, null, DECIDED_AT.plusSeconds(60));
        fixture().given().event(firstVersion())
                .when().command(withdraw)
                .then().exceptionSatisfies(violates(Rule.CONSENT_NOT_IN_FORCE, "purpose")).noEvents();
        fixture().given().event(firstVersion()).event(granted(AVATAR.id(), List.of(), false, 90))
                .event(new ConsentWithdrawn(E1024, AVATAR.id(), null, null, DECIDED_AT.plusSeconds(30)))
                .when().command(withdraw)
                .then().exceptionSatisfies(violates(Rule.CONSENT_NOT_IN_FORCE)).noEvents();
        // a withdrawal dated before the grant: nothing was in force yet
        fixture().given().event(firstVersion()).event(granted(AVATAR.id(), List.of(), false, 90))
                .when().command(new WithdrawConsent(E1024, AVATAR.id(), null, null, DECIDED_AT.minusSeconds(1)))
                .then().exceptionSatisfies(violates(Rule.CONSENT_NOT_IN_FORCE)).noEvents();
    }

    @Test
    void a_deactivated_or_erased_subject_can_grant_nothing() {
        fixture().given().event(firstVersion()).event(new SubjectDeactivated(E1024, DECIDED_AT.plusSeconds(60)))
                .when().command(grant(AVATAR.id(), List.of()))
                .then().exceptionSatisfies(violates(Rule.SUBJECT_DEACTIVATED)).noEvents();
        fixture().given().event(firstVersion()).event(new SubjectErased(E1024, "r-1", DECIDED_AT.minusSeconds(60)))
                .when().command(grant(AVATAR.id(), List.of()))
                .then().exceptionSatisfies(violates(Rule.SUBJECT_ERASED)).noEvents();
    }
}

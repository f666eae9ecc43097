package com.consentledger.ledger.access;

import com.consentledger.ledger.events.AccessBasis;
import com.consentledger.ledger.events.ConsentGranted;
import com.consentledger.ledger.events.ConsentWithdrawn;
import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.events.SubjectDeactivated;
import com.consentledger.ledger.events.Verdict;
import com.consentledger.ledger.policy.PurposeDefinition;
import com.consentledger.ledger.rules.Rule;
import org.axonframework.test.fixture.AxonTestPhase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.consentledger.ledger.domain.Domain.AVATAR;
import static com.consentledger.ledger.domain.Domain.DEVICE_BINDING;
import static com.consentledger.ledger.domain.Domain.LOCATION;
import static com.consentledger.ledger.domain.Domain.NOW;
import static com.consentledger.ledger.domain.Domain.POLICY;
import static com.consentledger.ledger.domain.Domain.PROMOTIONS;
import static com.consentledger.ledger.domain.Domain.firstVersion;
import static com.consentledger.ledger.domain.Domain.fixture;
import static com.consentledger.ledger.domain.Domain.version;
import static com.consentledger.ledger.domain.Domain.violates;
import static org.assertj.core.api.Assertions.assertThat;

/** Rules 1-6 as seen by a processor asking "may I, at this instant?". */
class AccessRulesTest {

    private static final String E1024 = "E1024";
    private static final Instant GRANTED_AT = Instant.parse("2025-03-03T08:00:00Z");
    private static final Instant WITHDRAWN_AT = Instant.parse("2025-03-05T12:00:00Z");
    private static final Instant V2_EFFECTIVE = Instant.parse("2025-03-04T00:00:00Z");
    private static final Duration TICK = Duration.ofNanos(1);
    private static final List<String> LOCATION_DATA = List.of("precise-location");

    private static final ConsentGranted LOCATION_GRANT = new ConsentGranted(E1024, "consent-1", LOCATION.id(), POLICY,
            "2020-07-20", List.of("amap-sdk"), "android-app", null, false, GRANTED_AT);

    private static AxonTestPhase.Given given(Object... events) {
        AxonTestPhase.Given given = fixture().given().event(firstVersion());
        for (Object event : events) {
            given = given.event(event);
        }
        return given;
    }

    private static DecideAccess access(String purpose, List<String> data, Instant at) {
        return new DecideAccess(E1024, POLICY, purpose, data, "attendance-service", at);
    }

    private static void expect(AxonTestPhase.Given given, DecideAccess access, Verdict verdict, String reason) {
        given.when().command(access).then().success().resultMessagePayloadSatisfies(payload ->
                assertThat(payload).isInstanceOfSatisfying(AccessVerdict.class, answer -> {
                    assertThat(answer.verdict()).as("verdict").isEqualTo(verdict);
                    assertThat(answer.reason()).as("reason").isEqualTo(reason);
                    assertThat(answer.occurredAt()).isEqualTo(access.occurredAt());
                })).noEvents();
    }

    @Test
    void a_consent_authorises_from_the_instant_it_was_given_and_names_itself_as_the_basis() {
        expect(given(LOCATION_GRANT), access(LOCATION.id(), LOCATION_DATA, GRANTED_AT.minus(TICK)),
                Verdict.DENIED, AccessVerdict.NEVER_GRANTED);
        given(LOCATION_GRANT).when().command(access(LOCATION.id(), LOCATION_DATA, GRANTED_AT)).then().success()
                .resultMessagePayload(new AccessVerdict(Verdict.ALLOWED, AccessVerdict.CONSENT_IN_FORCE,
                        new AccessBasis("consent", null, "consent-1", "2020-07-20"), "2020-07-20", GRANTED_AT));
    }

    @Test
    void withdrawal_is_not_retroactive_accesses_before_it_stay_lawful() {
        ConsentWithdrawn withdrawn = new ConsentWithdrawn(E1024, LOCATION.id(), null, null, WITHDRAWN_AT);
        expect(given(LOCATION_GRANT, withdrawn), access(LOCATION.id(), LOCATION_DATA, WITHDRAWN_AT.minus(TICK)),
                Verdict.ALLOWED, AccessVerdict.CONSENT_IN_FORCE);
        expect(given(LOCATION_GRANT, withdrawn), access(LOCATION.id(), LOCATION_DATA, WITHDRAWN_AT),
                Verdict.DENIED, AccessVerdict.WITHDRAWN);
    }

    @Test
    void a_withdrawal_recorded_late_still_counts_from_when_it_was_made() {
        // the withdrawal reaches the ledger after a re-grant made later on another device
        ConsentGranted regrant = new ConsentGranted(E1024, "consent-2", LOCATION.id(), POLICY, "2020-07-20",
                List.of("amap-sdk"), "web", null, false, WITHDRAWN_AT.plusSeconds(60));
        ConsentWithdrawn lateWithdrawal = new ConsentWithdrawn(E1024, LOCATION.id(), null, null, WITHDRAWN_AT);
        expect(given(LOCATION_GRANT, regrant, lateWithdrawal), access(LOCATION.id(), LOCATION_DATA,
                WITHDRAWN_AT.plusSeconds(30)), Verdict.DENIED, AccessVerdict.WITHDRAWN);
        expect(given(LOCATION_GRANT, regrant, lateWithdrawal), access(LOCATION.id(), LOCATION_DATA,
                WITHDRAWN_AT.plusSeconds(60)), Verdict.ALLOWED, AccessVerdict.CONSENT_IN_FORCE);
    }

    @Test
    void a_major_change_affecting_the_purpose_requires_reconsent_from_the_instant_it_takes_effect() {
        PolicyVersionPublished major = version("2025-03-04", V2_EFFECTIVE, true, List.of(LOCATION.id()), LOCATION, AVATAR);
        expect(given(LOCATION_GRANT, major), access(LOCATION.id(), LOCATION_DATA, V2_EFFECTIVE.minus(TICK)),
                Verdict.ALLOWED, AccessVerdict.CONSENT_IN_FORCE);
        expect(given(LOCATION_GRANT, major), access(LOCATION.id(), LOCATION_DATA, V2_EFFECTIVE),
                Verdict.DENIED, AccessVerdict.RECONSENT_REQUIRED);
        ConsentGranted reconsent = new ConsentGranted(E1024, "consent-2", LOCATION.id(), POLICY, "2025-03-04",
                List.of("amap-sdk"), "android-app", null, false, V2_EFFECTIVE.plusSeconds(600));
        expect(given(LOCATION_GRANT, major, reconsent), access(LOCATION.id(), LOCATION_DATA,
                V2_EFFECTIVE.plusSeconds(600)), Verdict.ALLOWED, AccessVerdict.CONSENT_IN_FORCE);
    }

    @Test
    void a_minor_change_or_a_major_one_elsewhere_keeps_the_consent_valid() {
        PolicyVersionPublished minor = version("2025-03-04", V2_EFFECTIVE, false, List.of(LOCATION.id()), LOCATION, AVATAR);
        expect(given(LOCATION_GRANT, minor), access(LOCATION.id(), LOCATION_DATA, V2_EFFECTIVE),
                Verdict.ALLOWED, AccessVerdict.CONSENT_IN_FORCE);
        PolicyVersionPublished majorElsewhere = version("2025-03-04", V2_EFFECTIVE, true, List.of(AVATAR.id()), LOCATION,
                AVATAR);
        expect(given(LOCATION_GRANT, majorElsewhere), access(LOCATION.id(), LOCATION_DATA, V2_EFFECTIVE),
                Verdict.ALLOWED, AccessVerdict.CONSENT_IN_FORCE);
    }

    @Test
    void a_new_recipient_even_in_a_minor_change_needs_a_consent_naming_it() {
        PurposeDefinition moreRecipients = new PurposeDefinition(LOCATION.id(), LOCATION.dataCategories(), "consent",
                true, true, List.of("amap-sdk", "baidu-map-sdk"));
        PolicyVersionPublished minor = version("2025-03-04", V2_EFFECTIVE, false, List.of(), moreRecipients);
        expect(given(LOCATION_GRANT, minor), access(LOCATION.id(), LOCATION_DATA, V2_EFFECTIVE),
                Verdict.DENIED, AccessVerdict.RECONSENT_REQUIRED);
    }

    @Test
    void a_purpose_with_another_lawful_basis_is_allowed_without_consent_and_names_the_basis() {
        given().when().command(access(DEVICE_BINDING.id(), List.of("imei"), GRANTED_AT)).then().success()
                .resultMessagePayload(new AccessVerdict(Verdict.ALLOWED, AccessVerdict.LAWFUL_BASIS,
                        AccessBasis.lawful("hr-management"), "2020-07-20", GRANTED_AT));
    }

    @Test
    void nothing_is_allowed_before_the_first_policy_takes_effect_and_everything_is_judged_from_its_first_instant() {
        Instant effective = firstVersion().effectiveAt();
        expect(given(), access(DEVICE_BINDING.id(), List.of("imei"), effective.minus(TICK)),
                Verdict.DENIED, AccessVerdict.NO_POLICY_IN_EFFECT);
        expect(given(), access(DEVICE_BINDING.id(), List.of("imei"), effective),
                Verdict.ALLOWED, AccessVerdict.LAWFUL_BASIS);
    }

    @Test
    void after_deactivation_nothing_is_allowed_not_even_on_a_lawful_basis() {
        SubjectDeactivated deactivated = new SubjectDeactivated(E1024, WITHDRAWN_AT);
        expect(given(LOCATION_GRANT, deactivated), access(DEVICE_BINDING.id(), List.of("imei"), WITHDRAWN_AT.minus(TICK)),
                Verdict.ALLOWED, AccessVerdict.LAWFUL_BASIS);
        expect(given(LOCATION_GRANT, deactivated), access(DEVICE_BINDING.id(), List.of("imei"), WITHDRAWN_AT),
                Verdict.DENIED, "deactivated");
        expect(given(LOCATION_GRANT, deactivated), access(LOCATION.id(), LOCATION_DATA, WITHDRAWN_AT),
                Verdict.DENIED, "deactivated");
    }

    @Test
    void data_is_used_only_for_the_purposes_and_categories_it_was_collected_for() {
        expect(given(LOCATION_GRANT), access("mind-reading", LOCATION_DATA, GRANTED_AT),
                Verdict.DENIED, AccessVerdict.PURPOSE_UNKNOWN);
        expect(given(LOCATION_GRANT), access(LOCATION.id(), List.of("phone-number"), GRANTED_AT),
                Verdict.DENIED, AccessVerdict.DATA_CATEGORY_NOT_COVERED);
        expect(given(), access(PROMOTIONS.id(), List.of("phone-number"), GRANTED_AT),
                Verdict.DENIED, AccessVerdict.NEVER_GRANTED);
    }

    @Test
    void a_request_without_data_categories_is_refused_as_malformed() {
        given().when().command(access(LOCATION.id(), List.of(), GRANTED_AT)).then()
                .exceptionSatisfies(violates(Rule.INVALID_COMMAND, "dataCategories")).noEvents();
    }

    @Test
    void an_access_without_an_instant_is_judged_now() {
        given(LOCATION_GRANT).when().command(new DecideAccess(E1024, POLICY, LOCATION.id(), LOCATION_DATA, "attendance",
                null)).then().success().resultMessagePayloadSatisfies(payload -> assertThat(payload)
                .isInstanceOfSatisfying(AccessVerdict.class, answer -> {
                    assertThat(answer.occurredAt()).isEqualTo(NOW);
                    assertThat(answer.allowed()).isTrue();
                }));
    }
}

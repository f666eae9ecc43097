package com.consentledger.ledger.policy;

import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.rules.Rule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static com.consentledger.ledger.domain.Domain.AVATAR;
import static com.consentledger.ledger.domain.Domain.DEVICE_BINDING;
import static com.consentledger.ledger.domain.Domain.LOCATION;
import static com.consentledger.ledger.domain.Domain.NOW;
import static com.consentledger.ledger.domain.Domain.POLICY;
import static com.consentledger.ledger.domain.Domain.SHA_V1;
import static com.consentledger.ledger.domain.Domain.SHA_V2;
import static com.consentledger.ledger.domain.Domain.firstVersion;
import static com.consentledger.ledger.domain.Domain.fixture;
import static com.consentledger.ledger.domain.Domain.violates;

class PolicyPublishingTest {

    private static final Instant V2_EFFECTIVE = Instant.parse("2025-04-01T00:00:00Z");
    private static final PurposeDefinition LOCATION_WITH_NEW_SDK = new PurposeDefinition(LOCATION.id(),
            LOCATION.dataCategories(), "consent", true, true, List.of("amap-sdk", "baidu-map-sdk"));

    private static PublishPolicyVersion publish(String version, Instant effectiveAt, boolean major, List<String> affected,
                                                PurposeDefinition... purposes) {
        return new PublishPolicyVersion(POLICY, version, effectiveAt, major, "changes", SHA_V2, List.of(purposes), affected);
    }

    @Test
    void the_first_version_is_published_with_every_purpose_counted_as_new() {
        fixture().given().noPriorActivity()
                .when().command(publish("2020-07-20", Instant.parse("2020-07-20T00:00:00Z"), true, null, LOCATION, AVATAR))
                .then().success().events(new PolicyVersionPublished(POLICY, "2020-07-20",
                        Instant.parse("2020-07-20T00:00:00Z"), true, "changes", SHA_V2, List.of(LOCATION, AVATAR),
                        List.of(LOCATION.id(), AVATAR.id()), NOW));
    }

    @Test
    void without_a_list_the_affected_purposes_are_those_whose_definition_changed() {
        fixture().given().event(firstVersion())
                .when().command(publish("2025-04-01", V2_EFFECTIVE, true, null, LOCATION_WITH_NEW_SDK, AVATAR, DEVICE_BINDING))
                .then().success().events(new PolicyVersionPublished(POLICY, "2025-04-01", V2_EFFECTIVE, true, "changes",
                        SHA_V2, List.of(LOCATION_WITH_NEW_SDK, AVATAR, DEVICE_BINDING), List.of(LOCATION.id()), NOW));
    }

    @Test
    void an_explicit_list_of_affected_purposes_is_kept_as_given() {
        fixture().given().event(firstVersion())
                .when().command(publish("2025-04-01", V2_EFFECTIVE, true, List.of(AVATAR.id()), LOCATION, AVATAR))
                .then().success().events(new PolicyVersionPublished(POLICY, "2025-04-01", V2_EFFECTIVE, true, "changes",
                        SHA_V2, List.of(LOCATION, AVATAR), List.of(AVATAR.id()), NOW));
    }

    @Test
    void an_affected_purpose_must_be_a_purpose_of_the_version() {
        fixture().given().event(firstVersion())
                .when().command(publish("2025-04-01", V2_EFFECTIVE, true, List.of("store-navigation"), LOCATION))
                .then().exceptionSatisfies(violates(Rule.PURPOSE_UNKNOWN, "affectedPurposes")).noEvents();
    }

    @Test
    void a_published_version_is_immutable() {
        fixture().given().event(firstVersion())
                .when().command(publish("2020-07-20", V2_EFFECTIVE, false, null, LOCATION))
                .then().exceptionSatisfies(violates(Rule.POLICY_VERSION_EXISTS, "version")).noEvents();
    }

    @Test
    void a_version_cannot_take_effect_before_or_with_the_one_it_replaces() {
        Instant firstEffective = firstVersion().effectiveAt();
        fixture().given().event(firstVersion())
                .when().command(publish("2019-01-01", firstEffective.minusSeconds(1), false, null, LOCATION))
                .then().exceptionSatisfies(violates(Rule.POLICY_VERSION_OUT_OF_ORDER, "effectiveAt")).noEvents();
        fixture().given().event(firstVersion())
                .when().command(publish("2020-07-20b", firstEffective, false, null, LOCATION))
                .then().exceptionSatisfies(violates(Rule.POLICY_VERSION_OUT_OF_ORDER, "effectiveAt")).noEvents();
    }

    @Test
    void a_third_party_purpose_must_name_its_recipients() {
        PurposeDefinition noRecipient = new PurposeDefinition("app-analytics", List.of("imei"), "consent", false, true,
                List.of());
        fixture().given().noPriorActivity()
                .when().command(publish("2020-07-20", V2_EFFECTIVE, true, null, AVATAR, noRecipient))
                .then().exceptionSatisfies(violates(Rule.INVALID_COMMAND, "purposes[1].recipients")).noEvents();
    }

    @Test
    void the_text_hash_must_be_a_sha_256() {
        fixture().given().noPriorActivity()
                .when().command(new PublishPolicyVersion(POLICY, "v1", V2_EFFECTIVE, true, "", "not-a-hash",
                        List.of(AVATAR), null))
                .then().exceptionSatisfies(violates(Rule.INVALID_COMMAND, "textSha256")).noEvents();
        fixture().given().noPriorActivity()
                .when().command(new PublishPolicyVersion(POLICY, "v1", V2_EFFECTIVE, true, "", SHA_V1, List.of(AVATAR, AVATAR),
                        null))
                .then().exceptionSatisfies(violates(Rule.INVALID_COMMAND, "purposes[1].id")).noEvents();
    }
}

package com.consentledger.ledger.domain;

import com.consentledger.ledger.application.LedgerDomain;
import com.consentledger.ledger.calendar.CalendarFile;
import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.policy.PurposeDefinition;
import com.consentledger.ledger.rules.Rule;
import com.consentledger.ledger.rules.RuleViolation;
import org.axonframework.test.fixture.AxonTestFixture;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Given/when/then fixtures of the consent domain: Axon's in-memory store, a fixed clock, predictable ids. */
public final class Domain {

    public static final Instant NOW = Instant.parse("2025-03-10T09:00:00Z");
    public static final String POLICY = "9xun-privacy";
    public static final String SHA_V1 = "a".repeat(64);
    public static final String SHA_V2 = "b".repeat(64);

    public static final PurposeDefinition LOCATION = new PurposeDefinition("location-clock-in",
            List.of("precise-location", "device-id"), "consent", true, true, List.of("amap-sdk"));
    public static final PurposeDefinition AVATAR = new PurposeDefinition("profile-avatar", List.of("avatar"),
            "consent", false, false, List.of());
    public static final PurposeDefinition PROMOTIONS = new PurposeDefinition("promotional-messages",
            List.of("phone-number", "push-token"), "consent", false, false, List.of());
    public static final PurposeDefinition DEVICE_BINDING = new PurposeDefinition("device-binding",
            List.of("imei", "employee-id"), "hr-management", false, false, List.of());

    private Domain() {
    }

    /** A fixture whose ids are {@link #id(long) id(1)}, {@code id(2)}, ... in the order the domain asks. */
    public static AxonTestFixture fixture() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        AtomicLong next = new AtomicLong();
        Supplier<UUID> ids = () -> id(next.incrementAndGet());
        return AxonTestFixture.with(LedgerDomain.configurer(clock, ids, CalendarFile.bundledSample()));
    }

    public static UUID id(long n) {
        return new UUID(0, n);
    }

    public static PolicyVersionPublished version(String version, Instant effectiveAt, boolean major,
                                                 List<String> affected, PurposeDefinition... purposes) {
        return new PolicyVersionPublished(POLICY, version, effectiveAt, major, "test", SHA_V1, List.of(purposes),
                affected, effectiveAt.minusSeconds(86_400));
    }

    /** Version 2020-07-20 with location clock-in, avatar, promotions and device binding. */
    public static PolicyVersionPublished firstVersion() {
        return version("2020-07-20", Instant.parse("2020-07-20T00:00:00Z"), true, List.of(), LOCATION, AVATAR,
                PROMOTIONS, DEVICE_BINDING);
    }

    public static Consumer<Throwable> violates(Rule rule) {
        return thrown -> assertThat(thrown).isInstanceOfSatisfying(RuleViolation.class,
                violation -> assertThat(violation.rule()).isEqualTo(rule));
    }

    public static Consumer<Throwable> violates(Rule rule, String field) {
        return thrown -> assertThat(thrown).isInstanceOfSatisfying(RuleViolation.class, violation -> {
            assertThat(violation.rule()).isEqualTo(rule);
            assertThat(violation.field()).isEqualTo(field);
        });
    }
}

package com.consentledger.projections.runner;

import com.consentledger.ledger.eventstore.AppendCondition;
import com.consentledger.ledger.testing.StoreFixture;
import com.consentledger.projections.ReadModels;
import com.consentledger.projections.audit.ObligationsProjection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static com.consentledger.ledger.testing.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

class LagMetricsTest {

    @RegisterExtension
    static final StoreFixture FIXTURE = new StoreFixture();

    private static double gauge(SimpleMeterRegistry registry, String name) {
        return registry.get(name).tag("projection", ObligationsProjection.NAME).gauge().value();
    }

    @Test
    void lag_shows_events_waiting_for_a_stopped_projection_and_falls_to_zero_when_it_catches_up() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ReadModels models = await(ReadModels.start(FIXTURE.vertx, FIXTURE.pool, FIXTURE.store, List.of(new ObligationsProjection()),
                new ProjectionRunner.Settings(100, Duration.ofMillis(50))));
        try (LagMetrics metrics = LagMetrics.register(FIXTURE.vertx, models, registry, Duration.ofMillis(50))) {
            await(models.runner(ObligationsProjection.NAME).pause());
            for (int index = 0; index < 5; index++) {
                await(FIXTURE.store.append(List.of(StoreFixture.event("SwitchTurnedOn.v1", "S-" + index, "{}")),
                        AppendCondition.none()));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(gauge(registry, "ledger.projection.lag.events")).isGreaterThanOrEqualTo(5);
                assertThat(gauge(registry, "ledger.projection.lag.seconds")).isPositive();
            });

            models.runner(ObligationsProjection.NAME).resume();

            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(gauge(registry, "ledger.projection.lag.events")).isZero();
                assertThat(gauge(registry, "ledger.projection.lag.seconds")).isZero();
            });
        } finally {
            models.close();
        }
    }
}

package com.consentledger.projections.runner;

import com.consentledger.projections.ReadModels;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes each projection's lag as gauges, {@code ledger.projection.lag.events} and
 * {@code ledger.projection.lag.seconds} (tag {@code projection}), refreshed on a timer: gauges are read
 * synchronously, lag takes two queries.
 */
public final class LagMetrics implements AutoCloseable {

    private final Vertx vertx;
    private final long timer;
    private final Map<String, ProjectionLag> latest = new ConcurrentHashMap<>();

    private LagMetrics(Vertx vertx, ReadModels models, MeterRegistry registry, Duration refresh) {
        this.vertx = vertx;
        for (String projection : models.names()) {
            Gauge.builder("ledger.projection.lag.events", latest, lags -> lagOf(lags, projection).positionsBehind())
                    .tag("projection", projection).description("store positions not yet applied").register(registry);
            Gauge.builder("ledger.projection.lag.seconds", latest,
                            lags -> lagOf(lags, projection).oldestUnapplied().toMillis() / 1000.0)
                    .tag("projection", projection).description("age of the oldest event not yet applied")
                    .baseUnit("seconds").register(registry);
        }
        this.timer = vertx.setPeriodic(0, refresh.toMillis(), tick -> models.lag()
                .onSuccess(lags -> lags.forEach(lag -> latest.put(lag.projection(), lag))));
    }

    public static LagMetrics register(Vertx vertx, ReadModels models, MeterRegistry registry, Duration refresh) {
        return new LagMetrics(vertx, models, registry, refresh);
    }

    private static ProjectionLag lagOf(Map<String, ProjectionLag> lags, String projection) {
        return lags.getOrDefault(projection, new ProjectionLag(projection, 0, 0, 0, Duration.ZERO));
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
    }
}

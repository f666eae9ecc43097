package com.consentledger.api.operations;

import com.consentledger.ledger.events.EventCatalogue;
import com.consentledger.ledger.eventstore.EventStore;
import com.consentledger.projections.ReadModels;
import com.consentledger.ledger.application.InMemoryConsentStateView;
import com.consentledger.projections.runner.LagMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * The service's metrics in Prometheus format: Vert.x's own (HTTP server latencies by route and status, with
 * {@link #RESPONSE_TIME_BUCKETS buckets}, SQL
 * pool usage, event loops) plus the ledger's (group commit, projection lag, consent view size, skipped
 * event types).
 */
public final class LedgerMetrics implements AutoCloseable {

    /** Vert.x's timer of the HTTP server's answers, by route and status. */
    static final String RESPONSE_TIME = "vertx.http.server.response.time";
    /**
     * Its buckets: with only count, sum and max, "how many answers took over 25 ms" (the rush's p99 target)
     * could not be read from the service, only from a load generator that shares its CPUs.
     */
    static final List<Duration> RESPONSE_TIME_BUCKETS = Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000)
            .map(Duration::ofMillis).toList();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private LagMetrics lag;

    public LedgerMetrics() {
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(RESPONSE_TIME)) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(RESPONSE_TIME_BUCKETS.stream().mapToDouble(Duration::toNanos).toArray())
                        .build().merge(config);
            }
        });
    }

    /** A Vert.x that reports into this registry. */
    public Vertx vertx() {
        // epoll where available (Linux): NIO's selector wake-ups were the top frame of the event loops under the rush
        VertxBuilder builder = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)
                .setMetricsOptions(new MicrometerMetricsOptions()
                        .setEnabled(true)
                        .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE, Label.POOL_TYPE,
                                Label.POOL_NAME))))
                .withMetrics(new MicrometerMetricsFactory(registry));
        return builder.build();
    }

    public void bind(Vertx vertx, EventStore store, ReadModels readModels, InMemoryConsentStateView view) {
        MeterRegistry meters = registry;
        FunctionCounter.builder("ledger.append.transactions", store, s -> s.stats().transactions())
                .description("group-commit transactions").register(meters);
        FunctionCounter.builder("ledger.append.requests", store, s -> s.stats().requests())
                .description("append requests (one per decision or access record)").register(meters);
        FunctionCounter.builder("ledger.append.events", store, s -> s.stats().events())
                .description("events appended; divided by transactions, the mean batch size").register(meters);
        Gauge.builder("ledger.append.oldest.in.flight.seconds", store, s -> s.stats().oldestInFlight().toMillis() / 1000.0)
                .description("how long the oldest group-commit batch has waited for the database (0: none)")
                .register(meters);
        Gauge.builder("ledger.consent.view.subjects", view, InMemoryConsentStateView::size)
                .description("subjects held by the in-memory consent view").register(meters);
        Gauge.builder("ledger.events.skipped.unknown", EventCatalogue.LEDGER,
                        catalogue -> catalogue.skippedTypes().values().stream().mapToLong(Long::longValue).sum())
                .description("events of types this build does not know, skipped by readers").register(meters);
        lag = LagMetrics.register(vertx, readModels, meters, Duration.ofSeconds(5));
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        if (lag != null) {
            lag.close();
        }
    }
}

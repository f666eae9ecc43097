package com.consentledger.api.operations;

import com.consentledger.ledger.events.EventCatalogue;
import com.consentledger.ledger.eventstore.EventStore;
import com.consentledger.projections.ReadModels;
import com.consentledger.ledger.application.InMemoryConsentStateView;
import com.consentledger.projections.runner.LagMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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

/**
 * The service's metrics in Prometheus format: Vert.x's own (HTTP server latencies by route and status, SQL
 * pool usage, event loops) plus the ledger's (group commit, projection lag, consent view size, skipped
 * event types).
 */
public final class LedgerMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private LagMetrics lag;

    /** A Vert.x that reports into this registry. */
    public Vertx vertx() {
        VertxBuilder builder = Vertx.builder().with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
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

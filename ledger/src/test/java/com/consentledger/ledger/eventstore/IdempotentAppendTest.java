package com.consentledger.ledger.eventstore;

import com.consentledger.ledger.testing.StoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static com.consentledger.ledger.testing.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotentAppendTest {

    @RegisterExtension
    static final StoreFixture FIXTURE = new StoreFixture();
    private final EventStore store = FIXTURE.store;

    private static NewEvent grant(String clientEventId, String payload) {
        return new NewEvent(UUID.randomUUID(), "ConsentGranted.v1", "E-idem", Set.of("subjectId=E-idem"), payload,
                null, clientEventId, Instant.parse("2025-03-03T08:00:00Z"));
    }

    @Test
    void a_retry_with_the_same_client_event_id_returns_the_original_position_and_appends_nothing() {
        AppendResult first = await(store.append(List.of(grant("phone-1", "{\"purpose\":\"a\"}")), AppendCondition.none()));
        AppendResult retry = await(store.append(List.of(grant("phone-1", "{\"purpose\":\"a\"}")), AppendCondition.none()));

        assertThat(first.duplicate()).isFalse();
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.positions()).isEqualTo(first.positions());
        assertThat(FIXTURE.count("client_event_id = 'phone-1'")).isEqualTo(1);
    }

    @Test
    void concurrent_retries_append_once_even_when_they_land_in_concurrent_batches() {
        List<io.vertx.core.Future<AppendResult>> firsts = new java.util.ArrayList<>();
        List<io.vertx.core.Future<AppendResult>> retries = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            firsts.add(store.append(List.of(grant("phone-2-" + i, "{}")), AppendCondition.none()));
            retries.add(store.append(List.of(grant("phone-2-" + i, "{}")), AppendCondition.none()));
        }
        for (int i = 0; i < 50; i++) {
            assertThat(await(retries.get(i)).positions()).isEqualTo(await(firsts.get(i)).positions());
        }
        assertThat(FIXTURE.count("client_event_id LIKE 'phone-2-%'")).isEqualTo(50);
    }

    @Test
    void the_same_client_event_id_with_other_content_is_a_conflict() {
        await(store.append(List.of(grant("phone-3", "{\"purpose\":\"a\"}")), AppendCondition.none()));

        assertThatThrownBy(() -> await(store.append(List.of(grant("phone-3", "{\"purpose\":\"b\"}")), AppendCondition.none())))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThat(FIXTURE.count("client_event_id = 'phone-3'")).isEqualTo(1);
    }

    @Test
    void re_appending_the_same_event_id_after_a_lost_acknowledgement_is_a_duplicate() {
        NewEvent event = grant(null, "{\"n\":1}");
        AppendResult first = await(store.append(List.of(event), AppendCondition.none()));
        AppendResult again = await(store.append(List.of(event), AppendCondition.none()));

        assertThat(again.duplicate()).isTrue();
        assertThat(again.positions()).isEqualTo(first.positions());
        assertThat(FIXTURE.count("event_id = '" + event.eventId() + "'")).isEqualTo(1);
    }
}

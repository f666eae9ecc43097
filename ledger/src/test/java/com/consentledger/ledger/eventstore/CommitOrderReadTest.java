package com.consentledger.ledger.eventstore;

import com.consentledger.ledger.testing.StoreFixture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static com.consentledger.ledger.testing.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CommitOrderReadTest {

    private static final String INSERT = """
            INSERT INTO ledger.events (event_id, type, subject, tags, payload, occurred_at)
            VALUES ($1, 'DataAccessed.v1', $2, '{}', '{}', $3) RETURNING position""";

    @Test
    void a_tailing_reader_sees_every_event_once_in_a_stable_order_when_commits_overtake_each_other() {
        try (StoreFixture fixture = new StoreFixture()) {
            Pool writers = fixture.database.createPool(fixture.vertx, 20, 100);
            List<StoredEvent> seen = Collections.synchronizedList(new ArrayList<>());
            EventTail tail = EventTail.follow(fixture.vertx, fixture.store, CommitPosition.START, 7,
                    Duration.ofMillis(50), events -> {
                        seen.addAll(events);
                        return Future.succeededFuture();
                    });
            Random random = new Random(42);
            List<Future<Void>> transactions = new ArrayList<>();
            for (int writer = 0; writer < 20; writer++) {
                long startDelay = 1 + random.nextInt(100);
                long holdOpen = 1 + random.nextInt(300);
                String subject = "writer-" + writer;
                transactions.add(delay(fixture, startDelay).compose(ignored -> writers.withTransaction(connection ->
                        insert(connection, subject).compose(first -> delay(fixture, holdOpen))
                                .compose(ignored2 -> insert(connection, subject)).mapEmpty())));
            }
            await(Future.all(transactions));

            await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= 40);
            tail.close();
            List<Long> delivered = seen.stream().map(StoredEvent::position).toList();
            assertThat(delivered).hasSize(40).doesNotHaveDuplicates();
            assertThat(delivered).as("commits overtook each other, so delivery is not in position order")
                    .isNotEqualTo(delivered.stream().sorted().toList());
            List<Long> reread = await(fixture.store.readAfter(CommitPosition.START, 1000)).stream()
                    .map(StoredEvent::position).toList();
            assertThat(reread).isEqualTo(delivered);
            await(writers.close());
        }
    }

    private static Future<Long> insert(SqlConnection connection, String subject) {
        return connection.preparedQuery(INSERT).execute(Tuple.of(UUID.randomUUID(), subject, OffsetDateTime.now()))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static Future<Void> delay(StoreFixture fixture, long millis) {
        Promise<Void> promise = Promise.promise();
        fixture.vertx.setTimer(millis, ignored -> promise.complete());
        return promise.future();
    }
}

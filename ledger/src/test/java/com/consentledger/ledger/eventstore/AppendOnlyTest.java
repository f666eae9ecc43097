package com.consentledger.ledger.eventstore;

import com.consentledger.ledger.testing.StoreFixture;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static com.consentledger.ledger.testing.StoreFixture.event;
import static com.consentledger.ledger.testing.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppendOnlyTest {

    private static final StoreFixture FIXTURE = new StoreFixture();

    @BeforeAll
    static void storeAnEvent() {
        await(FIXTURE.store.append(List.of(event("ConsentGranted.v1", "E-immutable", "{}")), AppendCondition.none()));
    }

    @AfterAll
    static void close() {
        FIXTURE.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE ledger.events SET payload = '{\"forged\":true}'",
            "DELETE FROM ledger.events",
            "TRUNCATE ledger.events"})
    void the_service_role_cannot_change_or_remove_events(String sql) {
        assertRefused(FIXTURE.pool, sql, "permission denied");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE ledger.events SET payload = '{\"forged\":true}'",
            "DELETE FROM ledger.events",
            "TRUNCATE ledger.events"})
    void not_even_the_owner_can_change_or_remove_events(String sql) {
        assertRefused(FIXTURE.ownerPool, sql, "append-only");
    }

    private static void assertRefused(Pool pool, String sql, String reason) {
        assertThatThrownBy(() -> await(pool.query(sql).execute()))
                .isInstanceOf(PgException.class)
                .hasMessageContaining(reason);
        assertThat(FIXTURE.count("subject = 'E-immutable' AND payload = '{}'")).isEqualTo(1);
    }
}

package com.consentledger.ledger.eventstore;

import com.consentledger.ledger.testing.StoreFixture;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static com.consentledger.ledger.testing.StoreFixture.event;
import static com.consentledger.ledger.testing.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppendOnlyTest {

    @RegisterExtension
    static final StoreFixture FIXTURE = new StoreFixture();

    @BeforeAll
    static void storeAnEvent() {
        await(FIXTURE.store.append(List.of(event("ConsentGranted.v1", "E-immutable", "{}")), AppendCondition.none()));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            UPDATE ledger.events SET payload = '{"forged":true}' | service | permission denied
            DELETE FROM ledger.events                          | service | permission denied
            TRUNCATE ledger.events                             | service | permission denied
            UPDATE ledger.events SET payload = '{"forged":true}' | owner   | append-only
            DELETE FROM ledger.events                          | owner   | append-only
            TRUNCATE ledger.events                             | owner   | append-only""")
    void events_cannot_be_changed_or_removed_by_the_service_role_nor_by_the_owner(String sql, String role,
                                                                                 String reason) {
        assertRefused(role.equals("owner") ? FIXTURE.ownerPool : FIXTURE.pool, sql, reason);
    }

    private static void assertRefused(Pool pool, String sql, String reason) {
        assertThatThrownBy(() -> await(pool.query(sql).execute()))
                .isInstanceOf(PgException.class)
                .hasMessageContaining(reason);
        assertThat(FIXTURE.count("subject = 'E-immutable' AND payload = '{}'")).isEqualTo(1);
    }
}

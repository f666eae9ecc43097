package com.consentledger.api.http;

import com.consentledger.ledger.eventstore.StoreOverloadedException;
import com.consentledger.ledger.rules.Rule;
import com.consentledger.ledger.rules.RuleViolation;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

    @Test
    void an_overloaded_store_is_a_503_to_retry_not_a_500() {
        var problem = Problems.of(new CompletionException(new StoreOverloadedException(20_000)), 500, null);

        assertThat(problem.getInteger("status")).isEqualTo(503);
        assertThat(problem.getString("type")).isEqualTo("/problems/overloaded");
    }

    @Test
    void rule_kinds_map_to_400_404_409_and_keep_code_and_field() {
        assertThat(Problems.ofViolation(RuleViolation.ofField(Rule.PURPOSE_UNKNOWN, "purpose", "x")).encode())
                .contains("\"status\":400", "/problems/purpose-unknown", "\"field\":\"purpose\"");
        assertThat(Problems.ofViolation(RuleViolation.of(Rule.POLICY_UNKNOWN, "x")).getInteger("status")).isEqualTo(404);
        assertThat(Problems.ofViolation(RuleViolation.of(Rule.CONSENT_NOT_IN_FORCE, "x")).getInteger("status")).isEqualTo(409);
    }

    @Test
    void json_pointers_become_field_paths() {
        assertThat(Problems.pointerToField("/purposes/0/recipients")).isEqualTo("purposes[0].recipients");
        assertThat(Problems.pointerToField("/items/12")).isEqualTo("items[12]");
        assertThat(Problems.pointerToField("/a~1b")).isEqualTo("a/b");
    }
}

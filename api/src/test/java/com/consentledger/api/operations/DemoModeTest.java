package com.consentledger.api.operations;

import com.consentledger.api.auth.JwtSettings;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DemoModeTest {

    private static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void close() {
        VERTX.close();
    }

    @Test
    void every_demo_employee_gets_a_subject_token_of_its_own_that_the_service_accepts() throws Exception {
        JWTAuth auth = new JwtSettings("a-demo-test-secret-long-enough", null, "https://id.example").auth(VERTX);

        List<String> lines = DemoMode.subjectTokens(auth, "https://id.example", 3);

        assertThat(lines).hasSize(3);
        assertThat(lines).extracting(line -> line.split(" ")[0]).containsExactly("E000001", "E000002", "E000003");
        String[] second = lines.get(1).split(" ");
        User user = auth.authenticate(new TokenCredentials(second[1])).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(user.principal().getString("sub")).isEqualTo("E000002");
        assertThat(user.principal().getJsonArray("roles").getList()).containsExactly("subject");
        assertThat(user.principal().getString("iss")).isEqualTo("https://id.example");
    }
}

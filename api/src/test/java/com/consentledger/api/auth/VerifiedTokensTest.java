package com.consentledger.api.auth;

import com.consentledger.ledger.testing.SettableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private static final Vertx VERTX = Vertx.vertx();
    private static final JWTAuth SIGNER = JWTAuth.create(VERTX, new JWTAuthOptions()
            .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer("a-secret-of-the-tests")));

    @AfterAll
    static void close() {
        VERTX.close();
    }

    /** The real verifier, counting how often it is asked. */
    private static final class CountingVerifier implements JWTAuth {
        final AtomicInteger verifications = new AtomicInteger();

        @Override
        public Future<User> authenticate(Credentials credentials) {
            verifications.incrementAndGet();
            return SIGNER.authenticate(credentials);
        }

        @Override
        public String generateToken(JsonObject claims, JWTOptions options) {
            throw new UnsupportedOperationException("the tests sign with SIGNER");
        }

        @Override
        public String generateToken(JsonObject claims) {
            throw new UnsupportedOperationException("the tests sign with SIGNER");
        }
    }

    private static String token(String subject, int expiresInMinutes) {
        return SIGNER.generateToken(new JsonObject().put("sub", subject).put("roles", new JsonArray().add("processor")),
                new JWTOptions().setExpiresInMinutes(expiresInMinutes));
    }

    private static User authenticate(JWTAuth auth, String token) throws Exception {
        return auth.authenticate(new TokenCredentials(token)).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void a_token_is_verified_once_and_recognised_afterwards() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier, Clock.systemUTC());
        String token = token("attendance-service", 60);

        User first = authenticate(tokens, token);
        User second = authenticate(tokens, token);

        assertThat(verifier.verifications).hasValue(1);
        assertThat(second.principal().getString("sub")).isEqualTo("attendance-service");
        assertThat(second.principal().getJsonArray("roles")).containsExactly("processor");
        assertThat(second).as("a User of its own per request").isNotSameAs(first);
        authenticate(tokens, token("another-service", 60));
        assertThat(verifier.verifications).as("another token is verified on its own").hasValue(2);
    }

    @Test
    void a_remembered_token_past_its_expiry_is_verified_again() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        SettableClock clock = new SettableClock(Instant.now());
        VerifiedTokens tokens = new VerifiedTokens(verifier, clock);
        String token = token("attendance-service", 1);
        authenticate(tokens, token);

        clock.set(clock.instant().plus(Duration.ofSeconds(61)));
        authenticate(tokens, token); // the real verifier, on the real time, still accepts it

        assertThat(verifier.verifications).hasValue(2);
    }

    @Test
    void a_refused_token_is_not_remembered() {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(verifier, Clock.systemUTC());
        String token = token("attendance-service", 60);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> authenticate(tokens, tampered)).hasCauseInstanceOf(java.security.SignatureException.class);
        }
        assertThat(verifier.verifications).hasValue(2);
    }

    @Test
    void an_expired_token_is_refused() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(new CountingVerifier(), Clock.systemUTC());
        String expired = SIGNER.generateToken(new JsonObject().put("sub", "attendance-service")
                .put("exp", Instant.now().minusSeconds(60).getEpochSecond()));

        assertThatThrownBy(() -> authenticate(tokens, expired)).hasMessageContaining("expired");
    }
}

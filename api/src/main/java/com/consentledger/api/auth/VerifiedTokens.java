package com.consentledger.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;

import java.time.Clock;
import java.time.Duration;

/**
 * Verifies each distinct bearer token once, then recognises it by its exact text until it expires.
 * <p>
 * In the clock-in rush one processor token signs every request, and verifying it again each time (decode,
 * HMAC, claims as JSON) was about 8 % of the service's CPU per access; with an RS256 or ES256 key it would cost
 * several times more. A hit needs the same characters as a token that passed full verification, so it
 * proves what that verification proved; only expiry depends on the time, and it is checked again on every
 * hit. Refused tokens are never remembered. Entries are also dropped after {@link #REVERIFY_AFTER} and beyond
 * {@link #CAPACITY}, so memory stays bounded whatever tokens arrive.
 */
public final class VerifiedTokens implements JWTAuth {

    static final int CAPACITY = 10_000;
    static final Duration REVERIFY_AFTER = Duration.ofMinutes(5);

    private final JWTAuth verifier;
    private final Clock clock;
    private final Cache<String, User> verified;

    public VerifiedTokens(JWTAuth verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(CAPACITY).expireAfterWrite(REVERIFY_AFTER).build();
    }

    @Override
    public Future<User> authenticate(Credentials credentials) {
        if (!(credentials instanceof TokenCredentials bearer) || bearer.getToken() == null) {
            return verifier.authenticate(credentials);
        }
        String token = bearer.getToken();
        User known = verified.getIfPresent(token);
        if (known != null) {
            if (inForce(known)) {
                // a User of its own per request (its authorizations are per request); the claims are read-only
                return Future.succeededFuture(User.create(known.principal(), known.attributes()));
            }
            verified.invalidate(token);
        }
        return verifier.authenticate(credentials).onSuccess(user -> verified.put(token, user));
    }

    /**
     * Whether the token's {@code exp} (if any) is still ahead, as the verifier reckons it (no leeway is configured).
     * {@code iat} and {@code nbf} were in the past when it was verified and stay there.
     */
    private boolean inForce(User user) {
        Long expires = user.attributes().getLong("exp", user.principal().getLong("exp"));
        return expires == null || clock.millis() / 1000 < expires;
    }

    @Override
    public String generateToken(JsonObject claims, JWTOptions options) {
        return verifier.generateToken(claims, options);
    }

    @Override
    public String generateToken(JsonObject claims) {
        return verifier.generateToken(claims);
    }
}

package com.consentledger.api.http;

import com.consentledger.api.auth.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * {@code Idempotency-Key} on writes, kept in PostgreSQL so it survives restarts. The first request with a key
 * claims it, runs, and stores its answer (success or client error); a retry with the same key and the same
 * method, path and body gets that answer again and appends nothing; the same key with anything else is 409.
 * A server error releases the key, so the retry runs. A key claimed by a request that never answered (the
 * process died mid-way) is reported as 409 {@code idempotency-outcome-unknown} rather than run again: the
 * first attempt may have been recorded, and the subject's history says whether it was.
 */
public final class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    private static final String PENDING = "idempotency.pending";
    private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);
    /** Keys are kept this long; DESIGN.md leaves it open, 24 h covers any client's retries. */
    public static final Duration RETENTION = Duration.ofHours(24);
    /** A claim older than this without an answer belongs to a request that died. */
    static final Duration ABANDONED = Duration.ofMinutes(2);

    /**
     * Claims the key, or returns the claim already there: {@code claimed} is true only for the row this
     * statement inserted (xmax = 0). The no-op update on a clash exists to return that row in the same
     * round trip; the clash itself is answered by the caller (replay or 409), never dropped.
     */
    private static final String CLAIM = """
            INSERT INTO api.idempotency_keys (caller, key, request_hash) VALUES ($1, $2, $3)
            ON CONFLICT (caller, key) DO UPDATE SET caller = api.idempotency_keys.caller
            RETURNING xmax = 0 AS claimed, request_hash, status, response,
                      now() - created_at > make_interval(secs => $4) AS abandoned""";
    private static final String ANSWER = "UPDATE api.idempotency_keys SET status = $3, response = $4 WHERE caller = $1 AND key = $2";
    private static final String RELEASE = "DELETE FROM api.idempotency_keys WHERE caller = $1 AND key = $2 AND status IS NULL";
    private static final String EXPIRE = "DELETE FROM api.idempotency_keys WHERE created_at < now() - make_interval(secs => $1)";

    private record Claim(Pool pool, String caller, String key) {
    }

    private final Pool pool;

    public Idempotency(Pool pool) {
        this.pool = pool;
    }

    /** Route handler placed before a write's handler. */
    public void handle(RoutingContext context) {
        String key = context.request().getHeader(HEADER);
        if (key == null) {
            context.next();
            return;
        }
        String caller = Caller.of(context).subject();
        String hash = hash(context);
        pool.preparedQuery(CLAIM).execute(Tuple.of(caller, key, hash, (double) ABANDONED.toSeconds())).map(rows -> {
            Row row = rows.iterator().next();
            if (row.getBoolean("claimed")) {
                context.put(PENDING, new Claim(pool, caller, key));
                context.next();
            } else if (!row.getString("request_hash").equals(hash)) {
                Problems.send(context, Problems.problem(409, "idempotency-key-reused", "Idempotency-Key reused",
                        "this key was used for another request", HEADER));
            } else if (row.getInteger("status") != null) {
                context.response().putHeader("Idempotent-Replayed", "true");
                String response = row.getString("response");
                context.response().setStatusCode(row.getInteger("status"))
                        .putHeader("content-type", row.getInteger("status") < 300 ? "application/json" : Problems.CONTENT_TYPE)
                        .end(response);
            } else {
                Problems.send(context, Problems.problem(409, row.getBoolean("abandoned")
                                ? "idempotency-outcome-unknown" : "idempotency-key-in-use",
                        "The first request with this key has not answered", row.getBoolean("abandoned")
                                ? "the first attempt stopped without answering; check the subject's history"
                                : "retry when the first request has answered", HEADER));
            }
            return null;
        }).onFailure(context::fail);
    }

    /**
     * Called with every answer, before it is sent: stores it for a claimed key (server errors release the key
     * instead). The answer goes out only once stored, so a client that saw it can always get it again.
     */
    static Future<Void> answered(RoutingContext context, int status, String body) {
        Claim claim = context.get(PENDING);
        if (claim == null) {
            return Future.succeededFuture();
        }
        context.remove(PENDING);
        Future<?> stored = status >= 500
                ? claim.pool().preparedQuery(RELEASE).execute(Tuple.of(claim.caller(), claim.key()))
                : claim.pool().preparedQuery(ANSWER).execute(Tuple.of(claim.caller(), claim.key(), status, body));
        return stored.<Void>mapEmpty().recover(failure -> {
            LOG.warn("could not store the answer for idempotency key {} of {}", claim.key(), claim.caller(), failure);
            return Future.succeededFuture();
        });
    }

    /** Deletes keys older than {@link #RETENTION}; the service calls it hourly. */
    public Future<Integer> expire() {
        return pool.preparedQuery(EXPIRE).execute(Tuple.of((double) RETENTION.toSeconds())).map(rows -> rows.rowCount());
    }

    private static String hash(RoutingContext context) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(context.request().method().name().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(context.request().path().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            if (context.body() != null && context.body().buffer() != null) {
                sha.update(canonical(context.body().buffer().toString()).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The same JSON with other whitespace is the same body; anything unparsable is compared as sent. */
    private static String canonical(String body) {
        try {
            return new JsonObject(body).encode();
        } catch (RuntimeException notAnObject) {
            return body;
        }
    }
}

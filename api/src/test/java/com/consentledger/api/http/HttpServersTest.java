package com.consentledger.api.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class HttpServersTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void connections_on_one_random_port_are_spread_over_every_event_loop_asked_for() throws Exception {
        HttpServers servers = await(HttpServers.listen(vertx,
                request -> request.response().end(Thread.currentThread().getName()), 0, 2));
        assertThat(servers.port()).isPositive();
        assertThat(servers.count()).isEqualTo(2);

        // a new connection per request: Vert.x hands connections to the servers in turn
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                            .setPort(servers.port()).setURI("/"))
                    .compose(request -> request.send().compose(HttpClientResponse::body))
                    .map(Object::toString));
        }
        await(Future.all(answers));

        Set<String> threads = answers.stream().map(Future::result).collect(Collectors.toSet());
        assertThat(threads).hasSize(2).allSatisfy(thread -> assertThat(thread).startsWith("vert.x-eventloop-thread"));

        await(servers.shutdown(Duration.ofSeconds(1)));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}

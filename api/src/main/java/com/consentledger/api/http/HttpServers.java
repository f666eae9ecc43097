package com.consentledger.api.http;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The API served by one HTTP server per event loop, all on one port: Vert.x hands each new connection to the
 * next server, so every core parses, authenticates and decides. One server on one event loop capped the
 * access path at one core (about 5,000 requests/s) while the other core sat half idle.
 */
public final class HttpServers {

    private final List<HttpServer> servers;
    private final int port;

    private HttpServers(List<HttpServer> servers, int port) {
        this.servers = List.copyOf(servers);
        this.port = port;
    }

    /**
     * Listens on {@code port} with {@code eventLoops} servers. Port 0 (any free one) becomes -1 for Vert.x: a
     * random port shared by all the servers, where 0 would give each server a port of its own.
     */
    public static Future<HttpServers> listen(Vertx vertx, Handler<HttpServerRequest> handler, int port, int eventLoops) {
        List<HttpServer> started = new CopyOnWriteArrayList<>();
        return deploy(vertx, handler, port == 0 ? -1 : port, eventLoops, started)
                .map(deployed -> new HttpServers(started, started.getFirst().actualPort()));
    }

    private static Future<String> deploy(Vertx vertx, Handler<HttpServerRequest> handler, int port, int instances,
                                         List<HttpServer> started) {
        return vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                return vertx.createHttpServer().requestHandler(handler).listen(port).onSuccess(started::add);
            }
        }, new DeploymentOptions().setInstances(instances));
    }

    public int port() {
        return port;
    }

    public int count() {
        return servers.size();
    }

    /** Stops accepting connections and waits up to {@code drain} for the requests in flight on every server. */
    public Future<Void> shutdown(Duration drain) {
        return Future.all(servers.stream().map(server -> server.shutdown(drain.toMillis(), TimeUnit.MILLISECONDS)).toList())
                .mapEmpty();
    }
}

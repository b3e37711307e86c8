package kz.gov.safework.hub;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import kz.gov.safework.api.BasicCredentials;

/**
 * Limits of the HTTP server that Camel 4.18's platform-http does not expose: the idle time-out and the largest
 * request head (Vert.x {@link HttpServerOptions}), and the number of requests one login may have in flight.
 * <p>
 * The options: platform-http builds its server from a {@link Vertx} it finds in the registry, with options of its
 * own; the hub binds one whose {@code createHttpServer} first sets the limits on those options, and turns off the
 * HTTP/2 upgrade of plain HTTP ({@link #vertx}). A connection that sends and receives nothing for the idle time-out is closed, so a client that
 * stops half-way through its headers or body holds its connection for that long at most.
 * <p>
 * The requests in flight are counted per login named in the request's Basic header, before its password is
 * checked (the way the login lockout counts), or else per login its verified client certificate names; one over
 * {@code hub.http.max-requests-per-login} is answered 429 at once.
 */
final class HttpConnectionLimits {
    private final int maxRequestsPerLogin;
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();

    HttpConnectionLimits(int maxRequestsPerLogin) {
        this.maxRequestsPerLogin = maxRequestsPerLogin;
    }

    /**
     * A Vert.x that gives every HTTP server it creates the idle time-out and head limits and, on an HTTPS server,
     * the client-certificate policy ({@code clientAuth}: NONE, REQUEST for {@code hub.tls.client-auth=want},
     * REQUIRED for {@code need}; the trusted CAs are the truststore platform-http already set).
     */
    static Vertx vertx(Vertx real, int idleTimeoutSeconds, int maxHeaderBytes, io.vertx.core.http.ClientAuth clientAuth) {
        return (Vertx) Proxy.newProxyInstance(HttpConnectionLimits.class.getClassLoader(),
                new Class<?>[] {VertxInternal.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createHttpServer") && args != null && args.length == 1
                            && args[0] instanceof HttpServerOptions options) {
                        // No HTTP/2 upgrade on plain HTTP (h2c): Vert.x 4.5's upgrade, as Java's HttpClient asks for it
                        // by default, failed about 1 request in 1,500 (EOF, or HTTP/1 bytes read as an HTTP/2 frame).
                        // A client asking for it is answered in HTTP/1.1, which every client reads.
                        options.setIdleTimeout(idleTimeoutSeconds).setIdleTimeoutUnit(TimeUnit.SECONDS)
                                .setMaxHeaderSize(maxHeaderBytes).setHttp2ClearTextEnabled(false);
                        if (options.isSsl()) {
                            options.setClientAuth(clientAuth);
                        }
                    }
                    if (method.getName().equals("equals") && args != null && args.length == 1) {
                        return proxy == args[0] || real.equals(args[0]);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The router handler: counts the request in for its login, or answers 429 when that login has too many. */
    void handle(RoutingContext ctx) {
        String login = login(ctx.request());
        if (login == null) {
            ctx.next();
            return;
        }
        if (!enter(login)) {
            ctx.response().setStatusCode(429).putHeader("Retry-After", "1")
                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("too many requests in flight for this login (at most " + maxRequestsPerLogin + ")");
            return;
        }
        ctx.addEndHandler(done -> leave(login));
        ctx.next();
    }

    /**
     * The login a request is counted on: the one its Basic header names, else the one its verified client
     * certificate names (an HTTPS caller without a password), else none.
     */
    static String login(io.vertx.core.http.HttpServerRequest request) {
        return BasicCredentials.parse(request.getHeader("Authorization"))
                .map(BasicCredentials::login)
                .or(() -> request.isSSL() ? HttpsCertificateLogin.login(request.sslSession()) : java.util.Optional.empty())
                .map(login -> login.toLowerCase(Locale.ROOT))
                .orElse(null);
    }

    boolean enter(String login) {
        boolean[] entered = {false};
        inFlight.compute(login, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxRequestsPerLogin) {
                return count;
            }
            entered[0] = true;
            return now + 1;
        });
        return entered[0];
    }

    void leave(String login) {
        inFlight.computeIfPresent(login, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** Requests in flight for a login (0 when none). */
    int inFlight(String login) {
        return inFlight.getOrDefault(login, 0);
    }
}

package kz.gov.safework.hub;

import java.util.List;
import kz.gov.safework.connectors.tls.TlsSettings;
import kz.gov.safework.observe.StatusRoutes;
import kz.gov.safework.receipts.ValidateRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides how the embedded HTTP server (Camel's platform-http on Vert.x: API, console, health, metrics)
 * listens, before Camel Main creates it: HTTPS on {@code hub.https.port} with the hub's keystore when that
 * is set, else plain HTTP on {@code hub.http.port}. One server either way: every REST route is bound to the
 * main server's one router, and a plain listener left beside HTTPS would carry the same Basic passwords in
 * clear. The choice needs code because a properties file cannot say "this port if that key is set".
 */
final class HttpServerSetup extends MainListenerSupport {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServerSetup.class);
    private static final String API_PATHS = "/api/*";
    private static final String OBSERVE_PATHS = "/observe/*";
    private static final String CACHE_CONTROL = "Cache-Control";

    private io.vertx.core.Vertx vertx;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        Settings settings = new Settings(context);
        HttpServerConfigurationProperties server = main.configure().httpServer();
        int httpsPort = settings.getInt(HubSettings.HTTPS_PORT);
        io.vertx.core.http.ClientAuth clientAuth = io.vertx.core.http.ClientAuth.NONE;
        if (httpsPort > 0) {
            TlsSettings tls = TlsSettings.load(context.getPropertiesComponent());
            // Mutual TLS as on the broker's TLS port: a certificate is asked for (want) or required (need); the
            // API takes a verified one as its CN's login when no Authorization header comes (HttpsCertificateLogin).
            clientAuth = switch (tls.clientAuth()) {
                case NONE -> io.vertx.core.http.ClientAuth.NONE;
                case WANT -> io.vertx.core.http.ClientAuth.REQUEST;
                case NEED -> io.vertx.core.http.ClientAuth.REQUIRED;
            };
            tls.requireKeystore(HubSettings.HTTPS_PORT);
            // The server's own SSL parameters are not settable through Camel Main; the global ones are, and
            // no other component of the hub is told to use them.
            context.setSSLContextParameters(tls.serverParameters());
            server.setUseGlobalSslContextParameters(true);
            server.setPort(httpsPort);
            LOG.info("HTTP server: HTTPS on port {} ({}), client certificates {}; no plain HTTP listener", httpsPort,
                    HubSettings.HTTPS_PORT, tls.clientAuth());
        } else {
            server.setPort(settings.getInt(HubSettings.HTTP_PORT));
        }
        // platform-http takes the one Vert.x of the registry, and closes only one it made itself.
        vertx = io.vertx.core.Vertx.vertx();
        context.getRegistry().bind("hubVertx", io.vertx.core.Vertx.class, HttpConnectionLimits.vertx(vertx,
                settings.getInt(HubSettings.HTTP_IDLE_TIMEOUT), settings.getInt(HubSettings.HTTP_MAX_HEADER_SIZE), clientAuth));
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        if (vertx != null) {
            vertx.close();
        }
    }

    /**
     * The API's bodies are small JSON: {@code /api/} reads at most {@code hub.http.api-max-body-size} bytes, counted
     * while they arrive, and answers 413 beyond ({@code POST /api/validate} takes a document:
     * {@code hub.max-document-size}, as every channel; other paths keep {@code camel.server.max-body-size}). Vert.x reads a
     * body once, so this handler, placed before every route, is the one that reads it.
     */
    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        Settings settings = new Settings(context);
        long apiMax = settings.getLong(HubSettings.HTTP_API_MAX_BODY_SIZE);
        // A document checked without sending it may be as large as a document sent on any channel.
        long documentMax = settings.getLong(HubSettings.MAX_DOCUMENT_SIZE);
        int port = main.configure().httpServer().getPort();
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            router = VertxPlatformHttpRouter.lookup(context);
        }
        if (router == null) {
            LOG.warn("HTTP: no platform-http router on port {}; {} not applied", port,
                    HubSettings.HTTP_API_MAX_BODY_SIZE);
        } else {
            // Refused on the declared length, before a byte of the body is read. Reading it here would leave
            // platform-http's own body handler a request already read, which fails HTTP/2 requests (over TLS) with
            // a 500. A body without a declared length is bounded while it arrives by that handler's
            // camel.server.max-body-size.
            HttpConnectionLimits limits = new HttpConnectionLimits(settings.getInt(HubSettings.HTTP_MAX_REQUESTS_PER_LOGIN));
            router.route(API_PATHS).order(Integer.MIN_VALUE).handler(limits::handle);
            router.route(API_PATHS).order(Integer.MIN_VALUE).handler(ctx -> {
                String length = ctx.request().getHeader("Content-Length");
                long max = ValidateRoutes.PATH.equals(ctx.request().path()) ? documentMax : apiMax;
                if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > max) {
                    ctx.response().setStatusCode(413).putHeader("Connection", "close")
                            .end("request body larger than " + max + " bytes");
                } else {
                    ctx.next();
                }
            });
            // What the hub says about submissions, people and its own state is not kept by a browser or a proxy:
            // every answer under /api/ and /observe/, and the agencies' status page, says no-store unless its route
            // chose otherwise. This is the one place that says it; the routes do not repeat it.
            for (String path : List.of(API_PATHS, OBSERVE_PATHS, StatusRoutes.PATH)) {
                router.route(path).order(Integer.MIN_VALUE).handler(ctx -> {
                    ctx.addHeadersEndHandler(ended -> {
                        if (!ctx.response().headers().contains(CACHE_CONTROL)) {
                            ctx.response().putHeader(CACHE_CONTROL, "no-store");
                        }
                    });
                    ctx.next();
                });
            }
            LOG.info("HTTP: request bodies under {} limited to {} bytes ({})", API_PATHS, apiMax,
                    HubSettings.HTTP_API_MAX_BODY_SIZE);
        }
    }
}

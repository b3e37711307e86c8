package kz.gov.safework.observe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The console of the operator, of MTSZN (its reporting campaign, {@code campaign.js}) and of the Government (the
 * approved packages, {@code government.js}): one page at {@code /} and its assets under {@code /console/}, shipped in this
 * jar (no CDN, works offline). The page itself is public; everything it shows comes from the operator
 * API, which asks for a login. Only the listed assets are served, never a path from the request.
 */
public final class ConsoleRoutes extends RouteBuilder {
    private static final String RESOURCES = "console/";
    private static final Map<String, String> ASSETS = Map.of(
            "app.js", "text/javascript; charset=utf-8",
            "campaign.js", "text/javascript; charset=utf-8",
            "provenance.js", "text/javascript; charset=utf-8",
            "government.js", "text/javascript; charset=utf-8",
            "i18n.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");
    /** Scripts and styles only from this origin: the page works offline and an injected script cannot run. */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Override
    public void configure() {
        byte[] page = resource("index.html");
        Map<String, byte[]> assets = new HashMap<>();
        ASSETS.keySet().forEach(name -> assets.put(name, resource(name)));

        from("platform-http:/?httpMethodRestrict=GET").routeId("console-page")
                .process(exchange -> respond(exchange, 200, "text/html; charset=utf-8", page));

        from("platform-http:/console/{asset}?httpMethodRestrict=GET").routeId("console-assets")
                .process(exchange -> {
                    String name = exchange.getMessage().getHeader("asset", String.class);
                    byte[] body = name == null ? null : assets.get(name);
                    if (body == null) {
                        respond(exchange, 404, "text/plain; charset=utf-8", "Not found".getBytes(StandardCharsets.UTF_8));
                    } else {
                        respond(exchange, 200, ASSETS.get(name), body);
                    }
                });
    }

    private static void respond(Exchange exchange, int status, String contentType, byte[] body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
        exchange.getMessage().setHeader("Cache-Control", "no-cache");
        exchange.getMessage().setHeader("Content-Security-Policy", CSP);
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        exchange.getMessage().setHeader("X-Frame-Options", "DENY");
        exchange.getMessage().setHeader("Referrer-Policy", "no-referrer");
        exchange.getMessage().setBody(body);
    }

    private static byte[] resource(String name) {
        try (InputStream in = ConsoleRoutes.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("console asset missing from the jar: " + RESOURCES + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

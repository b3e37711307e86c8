package kz.gov.safework.observe;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
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
            "charts.js", "text/javascript; charset=utf-8",
            "i18n.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");
    /**
     * The chart library (uPlot, MIT) from its webjar on the classpath, served under these names; its version is the
     * webjar's own (pom.properties), so raising it in the pom is all an upgrade takes.
     */
    private static final String UPLOT = "META-INF/maven/org.webjars.npm/uplot/pom.properties";
    private static final Map<String, String> UPLOT_ASSETS = Map.of(
            "uPlot.iife.min.js", "text/javascript; charset=utf-8",
            "uPlot.min.css", "text/css; charset=utf-8");
    /**
     * Scripts and styles only from this origin: the page works offline and an injected script cannot run. Frames only
     * from blob: addresses the page made itself: the consolidation's PDF, fetched with the login and shown in the
     * page (a frame of the API's address would carry no login); nothing else may be framed.
     */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; frame-src blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Override
    public void configure() {
        byte[] page = resource(RESOURCES + "index.html");
        Map<String, byte[]> assets = new HashMap<>();
        ASSETS.keySet().forEach(name -> assets.put(name, resource(RESOURCES + name)));
        String uplot = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        UPLOT_ASSETS.keySet().forEach(name -> assets.put(name, resource(uplot + name)));
        Map<String, String> types = new HashMap<>(ASSETS);
        types.putAll(UPLOT_ASSETS);

        from("platform-http:/?httpMethodRestrict=GET").routeId("console-page")
                .process(exchange -> respond(exchange, 200, "text/html; charset=utf-8", page));

        from("platform-http:/console/{asset}?httpMethodRestrict=GET").routeId("console-assets")
                .process(exchange -> {
                    String name = exchange.getMessage().getHeader("asset", String.class);
                    byte[] body = name == null ? null : assets.get(name);
                    if (body == null) {
                        respond(exchange, 404, "text/plain; charset=utf-8", "Not found".getBytes(StandardCharsets.UTF_8));
                    } else {
                        respond(exchange, 200, types.get(name), body);
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

    private static String uplotVersion() {
        Properties properties = new Properties();
        try (InputStream in = new ByteArrayInputStream(resource(UPLOT))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static byte[] resource(String path) {
        try (InputStream in = ConsoleRoutes.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("console asset missing from the classpath: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

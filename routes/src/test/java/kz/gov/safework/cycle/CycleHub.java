package kz.gov.safework.cycle;

import kz.gov.safework.api.ApiAuthenticator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import javax.sql.DataSource;
import kz.gov.safework.contract.reference.ReferenceData;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The part of the hub the cycle needs, as the application wires it: the beans it relies on, the
 * platform-http server, both route builders. Transports are mock endpoints; ticks are fast.
 */
final class CycleHub {
    static final Map<String, String> PASSWORDS = Map.of(
            "operator", "op-secret", "mtszn", "mtszn-secret", "mvd", "mvd-secret", "mz", "mz-secret",
            "government", "gov-secret");

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static CamelContext start(DataSource dataSource, ReferenceData reference, Clock clock, int port) throws Exception {
        return start(dataSource, reference, clock, port, Map.of(), context -> { });
    }

    /** A context with another name: the Quartz jobs stored by the previous one must still reach its routes. */
    static CamelContext start(DataSource dataSource, ReferenceData reference, Clock clock, int port, String name)
            throws Exception {
        return start(dataSource, reference, clock, port, Map.of(), context -> context.getCamelContextExtension().setName(name));
    }

    /** With property overrides and a hook that binds more (e.g. a {@code jms} component) before start. */
    static CamelContext start(DataSource dataSource, ReferenceData reference, Clock clock, int port,
                              Map<String, String> overrides, Consumer<CamelContext> before) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        kz.gov.safework.contract.reference.Principals principals = new kz.gov.safework.contract.reference.Principals(reference);
        ApiAuthenticator authenticator = header -> CycleHub.basic(header).map(principals::of);
        Properties p = new Properties();
        p.setProperty(CycleSetting.REMINDERS_TRIGGER.key(),
                "quartz://cycle/reminders?trigger.repeatInterval=50&trigger.repeatCount=-1&" + CycleQuartz.ENDPOINT_OPTIONS);
        p.setProperty(CycleSetting.CONSOLIDATION_TRIGGER.key(),
                "quartz://cycle/consolidation?trigger.repeatInterval=100&trigger.repeatCount=-1&"
                + CycleQuartz.ENDPOINT_OPTIONS);
        p.setProperty(CycleSetting.MAIL_URI.key(), "mock:mail");
        p.setProperty(CycleSetting.JMS_URI_PREFIX.key(), "mock:receipts.");
        p.setProperty(CycleSetting.OUTBOX_URI.key(), "mock:outbox");
        p.setProperty(CycleSetting.OUTBOX_RELAY_TRIGGER.key(), "timer:cycle-outbox-relay?period=200");
        overrides.forEach(p::setProperty);
        context.getPropertiesComponent().setInitialProperties(p);
        // Before any /api route the caller adds: a route added before its route configuration does not get it, and
        // answers a refusal (ApiProblem) as a bare 500.
        context.addRoutes(new kz.gov.safework.api.ApiRouteConfiguration());
        before.accept(context);
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost("127.0.0.1");
        http.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(http));
        CycleServices services = CycleServices.create(context, dataSource,
                new kz.gov.safework.store.SubmissionStore(dataSource, clock), reference, clock, authenticator,
                exchange -> Optional.empty(), TestHubKeys.KEYS);
        context.addRoutes(new CycleRoutes(services));
        context.addRoutes(new CycleApiRoutes(services));
        context.start();
        return context;
    }

    /** GET {@code path} on the hub at {@code port} as {@code login} (Basic, its test password), or anonymously. */
    static HttpResponse<String> get(HttpClient http, int port, String path, String login) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (login != null) {
            request.header("Authorization", authorization(login));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** POST {@code path} without a body on the hub at {@code port} as {@code login}. */
    static HttpResponse<String> post(HttpClient http, int port, String path, String login) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization(login)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String authorization(String login) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((login + ":" + PASSWORDS.get(login)).getBytes(StandardCharsets.UTF_8));
    }

    /** Stands in for the hub's credentials check. */
    private static Optional<String> basic(String header) {
        return kz.gov.safework.api.BasicCredentials.parse(header)
                .filter(c -> c.password().equals(PASSWORDS.get(c.login())))
                .map(kz.gov.safework.api.BasicCredentials::login);
    }

    private CycleHub() {
    }
}

package kz.gov.safework.api;

import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A Camel context for route-level tests of the HTTP API: Camel's platform-http on Vert.x bound to
 * {@code 127.0.0.1:port}, as REST component, with the API's {@link ApiRouteConfiguration} (one problem shape, one
 * realm). The test adds its route builders and starts it.
 */
public final class ApiHttpContext {
    private ApiHttpContext() {
    }

    public static DefaultCamelContext on(int port) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindHost("127.0.0.1");
        server.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(server));
        context.getRestConfiguration().setComponent("platform-http");
        context.addRoutes(new ApiRouteConfiguration());
        return context;
    }
}

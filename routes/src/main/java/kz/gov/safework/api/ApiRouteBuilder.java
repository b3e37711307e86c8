package kz.gov.safework.api;

import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/** A builder of {@code /api} routes, which all begin the same way. */
public abstract class ApiRouteBuilder extends RouteBuilder {
    /**
     * An {@code /api} route from {@code direct:<direct>}: the one error policy ({@link ApiRouteConfiguration}),
     * then {@code check} (who the caller is, and whether they may) before anything else.
     */
    protected RouteDefinition apiRoute(String direct, String routeId, Processor check) {
        return from("direct:" + direct).routeId(routeId).routeConfigurationId(ApiRouteConfiguration.ID)
                .process(check);
    }
}

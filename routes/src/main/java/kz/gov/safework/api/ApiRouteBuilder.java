package kz.gov.safework.api;

import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/** A builder of {@code /api} routes, which all begin the same way. */
public abstract class ApiRouteBuilder extends RouteBuilder {
    private final Processor caller;

    /**
     * @param caller who may call this builder's routes, checked before anything else: an {@link ApiAuthentication}
     *               made once by the application, or a check built on one
     */
    protected ApiRouteBuilder(Processor caller) {
        this.caller = caller;
    }

    /**
     * An {@code /api} route from {@code direct:<direct>}: the one error policy ({@link ApiRouteConfiguration}),
     * then the caller check (who the caller is, and whether they may) before anything else.
     */
    protected RouteDefinition apiRoute(String direct, String routeId) {
        return from("direct:" + direct).routeId(routeId).routeConfigurationId(ApiRouteConfiguration.ID)
                .process(caller);
    }
}

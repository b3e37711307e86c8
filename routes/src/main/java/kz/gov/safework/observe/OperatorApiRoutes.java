package kz.gov.safework.observe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.gov.safework.api.ApiProblem;
import kz.gov.safework.api.ApiRouteBuilder;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.reference.ReportingRule;
import org.apache.camel.Exchange;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestParamType;

/**
 * The operator API under {@value #BASE} (REST DSL on platform-http): routes, queues, channels and health,
 * recent submissions, dead letters with retry and discard, suspending and resuming a channel's intake, and the audit
 * trail of operator actions.
 * Every call needs an operator login (HTTP Basic, checked by the services' {@link OperatorAuthorization}).
 */
public final class OperatorApiRoutes extends ApiRouteBuilder {
    public static final String BASE = "/api/operator";
    private static final int DEFAULT_SUBMISSIONS = 50;
    private static final int DEFAULT_ACTIONS = 50;

    private final ObserveServices services;

    public OperatorApiRoutes(ObserveServices services) {
        super(services.authorization());
        this.services = services;
    }

    @Override
    public void configure() throws Exception {
        rest(BASE).description("Operator console API")
                .bindingMode(RestBindingMode.off)
                .produces("application/json")
                .get("/me").description("The operator logged in, console settings and plans")
                    .to("direct:operator-me")
                .get("/routes").description("Routes with state and exchange counters")
                    .to("direct:operator-routes")
                .get("/queues").description("Broker queue depths and consumers")
                    .to("direct:operator-queues")
                .get("/channels").description("Channel sources with last poll, every health check, and each"
                        + " channel's intake (receiving or suspended)")
                    .to("direct:operator-channels")
                .post("/channels/{channel}/suspend").description("Stop taking documents in on a channel; body"
                        + " {\"reason\": \"...\"} (required)")
                    .consumes("application/json")
                    .to("direct:operator-channel-suspend")
                .post("/channels/{channel}/resume").description("Take documents in again on a suspended channel;"
                        + " body {\"reason\": \"...\"} (optional)")
                    .consumes("application/json")
                    .to("direct:operator-channel-resume")
                .get("/submissions").description("Latest judged documents with their receipts")
                    .param().name("limit").type(RestParamType.query).dataType("integer").required(false).endParam()
                    .to("direct:operator-submissions")
                .get("/dead-letters").description("Messages in the dead-letter queue")
                    .to("direct:operator-dead-letters")
                .get("/dead-letters-per-day").description("How many dead letters arrived on each day (Asia/Almaty),"
                        + " for the console's chart")
                    .to("direct:operator-dead-letters-per-day")
                .get("/dead-letters/{id}").description("One dead letter with its properties and body")
                    .to("direct:operator-dead-letter")
                .post("/dead-letters/retry-all").description("Send every dead letter back")
                    .to("direct:operator-dead-letters-retry-all")
                .post("/dead-letters/{id}/retry").description("Send one dead letter back to where it died")
                    .to("direct:operator-dead-letter-retry")
                .post("/dead-letters/{id}/discard").description("Delete one dead letter; body {\"reason\": \"...\"}")
                    .consumes("application/json")
                    .to("direct:operator-dead-letter-discard")
                .get("/actions").description("The audit trail of operator actions, newest first")
                    .param().name("limit").type(RestParamType.query).dataType("integer").required(false).endParam()
                    .to("direct:operator-actions");

        operatorRoute("operator-me").process(exchange -> JsonResponses.ok(exchange, me(exchange, services)));
        operatorRoute("operator-routes")
                .process(exchange -> JsonResponses.ok(exchange, services.routeOverview().routes()));
        operatorRoute("operator-queues").process(exchange -> {
            // Asked live, so the depths agree with the dead-letter list the operator just changed.
            services.queueGauges().refresh();
            JsonResponses.ok(exchange, services.queueGauges().readings());
        });
        operatorRoute("operator-channels").process(exchange -> {
            ChannelOverview channels = services.channelOverview();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sources", channels.sources());
            body.put("health", channels.health());
            body.put("dataDirFreeBytes", services.dataDirSpace().usableBytes());
            body.put("intake", services.channelSuspensions().states());
            JsonResponses.ok(exchange, body);
        });
        operatorRoute("operator-channel-suspend")
                .process(exchange -> changeIntake(exchange, services.channelSuspensions()::suspend));
        operatorRoute("operator-channel-resume")
                .process(exchange -> changeIntake(exchange, services.channelSuspensions()::resume));
        operatorRoute("operator-submissions").process(exchange -> JsonResponses.ok(exchange,
                services.submissions().recent(limit(exchange, DEFAULT_SUBMISSIONS,
                        services.settings().submissionsMaxLimit()))));
        operatorRoute("operator-dead-letters")
                .process(exchange -> JsonResponses.ok(exchange, services.deadLetters().list()));
        operatorRoute("operator-dead-letters-per-day").process(exchange -> JsonResponses.ok(exchange,
                services.deadLetters().perDay(ReportingRule.DEFAULT_ZONE)));
        operatorRoute("operator-dead-letter").process(exchange -> JsonResponses.ok(exchange,
                services.deadLetters().view(id(exchange), operator(exchange))));
        operatorRoute("operator-dead-letter-retry").process(exchange -> JsonResponses.ok(exchange,
                services.deadLetters().retry(id(exchange), operator(exchange))));
        operatorRoute("operator-dead-letters-retry-all").process(exchange -> JsonResponses.ok(exchange,
                Map.of("retried", services.deadLetters().retryAll(operator(exchange)))));
        operatorRoute("operator-dead-letter-discard").process(exchange -> JsonResponses.ok(exchange,
                services.deadLetters().discard(id(exchange), operator(exchange), reason(exchange))));
        operatorRoute("operator-actions").process(exchange -> JsonResponses.ok(exchange,
                services.actions().recent(limit(exchange, DEFAULT_ACTIONS, 1000))));
    }

    private RouteDefinition operatorRoute(String routeId) {
        return apiRoute(routeId, routeId);
    }

    /** A suspend or resume of {@link ChannelSuspensions}: channel, operator, reason. */
    @FunctionalInterface
    private interface IntakeChange {
        void apply(String channel, String operator, String reason);
    }

    /** Suspends or resumes the path's channel for the operator with the body's reason; answers its intake now. */
    private void changeIntake(Exchange exchange, IntakeChange change) {
        change.apply(channel(exchange), operator(exchange), reason(exchange));
        JsonResponses.ok(exchange, services.channelSuspensions().state(channel(exchange)));
    }

    private static Map<String, Object> me(Exchange exchange, ObserveServices services) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("login", operator(exchange));
        body.put("refreshSeconds", services.settings().consoleRefreshSeconds());
        ReferenceData reference = services.referenceData();
        body.put("plans", reference.plans().stream().map(plan -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", plan.id());
            p.put("titleRu", plan.titleRu());
            p.put("titleEn", plan.titleEn());
            p.put("firstReportingYear", plan.firstReportingYear());
            p.put("lastReportingYear", plan.lastReportingYear());
            return p;
        }).toList());
        return body;
    }

    private static String operator(Exchange exchange) {
        return exchange.getProperty(OperatorAuthorization.OPERATOR, String.class);
    }

    private static String channel(Exchange exchange) {
        return exchange.getMessage().getHeader("channel", String.class);
    }

    private static long id(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("Dead letter id must be a number: " + id);
        }
    }

    private static int limit(Exchange exchange, int defaultLimit, int maxLimit) {
        String limit = exchange.getMessage().getHeader("limit", String.class);
        if (limit == null || limit.isBlank()) {
            return defaultLimit;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value < 1 || value > maxLimit) {
                throw ApiProblem.badRequest("limit must be between 1 and " + maxLimit);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("limit must be a number: " + limit);
        }
    }

    private static String reason(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode reason = Json.mapper().readTree(body).path("reason");
            return reason.isTextual() ? reason.asText() : null;
        } catch (Exception e) {
            throw ApiProblem.badRequest("Body must be JSON like {\"reason\": \"...\"}");
        }
    }
}

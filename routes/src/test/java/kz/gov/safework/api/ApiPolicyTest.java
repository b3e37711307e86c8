package kz.gov.safework.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.reference.Principals.Principal;
import kz.gov.safework.contract.reference.Principals.Role;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one HTTP policy: the authentication step (Basic, or a client certificate without an Authorization header),
 * the problem it throws, and the one answer shape.
 */
class ApiPolicyTest {
    private static final Principal OPERATOR = new Principal("operator", null, Set.of(Role.OPERATOR));
    private static final Principal MZ = new Principal("mz", "MZ", Set.of(Role.AGENCY));
    private static final ApiAuthenticator AUTHENTICATOR = header -> switch (header == null ? "" : header) {
        case "operator" -> Optional.of(OPERATOR);
        case "mz" -> Optional.of(MZ);
        case "locked" -> throw new LoginLocked(42);
        default -> Optional.empty();
    };
    private static final Principal ASTANA = new Principal("akimat-astana", "AKIMAT-ASTANA", Set.of(Role.AGENCY));
    private static final TlsLogin NO_CERTIFICATE = exchange -> Optional.empty();
    /** HTTPS mutual TLS: the connection's client certificate names akimat-astana. */
    private static final TlsLogin ASTANA_CERTIFICATE = exchange -> Optional.of(ASTANA);

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    private Exchange request(String authorization) {
        Exchange exchange = new DefaultExchange(context);
        if (authorization != null) {
            exchange.getMessage().setHeader("Authorization", authorization);
        }
        exchange.getMessage().setHeader("Cookie", "session=1");
        exchange.getMessage().setHeader("CamelHttpUri", "/evil");
        exchange.getMessage().setHeader("X-Custom", "kept");
        return exchange;
    }

    private static JsonNode json(Exchange exchange) throws Exception {
        return Json.mapper().readTree(exchange.getMessage().getBody(String.class));
    }

    private static ApiProblem thrown(ApiAuthentication step, Exchange exchange) {
        try {
            step.process(exchange);
        } catch (ApiProblem problem) {
            return problem;
        }
        throw new AssertionError("no problem thrown");
    }

    /** The step lets the request through as {@code expected}, and without the credential headers. */
    private static void assertLetThrough(ApiAuthentication step, Exchange exchange, Principal expected) {
        step.process(exchange);
        assertThat(ApiAuthentication.principal(exchange)).isEqualTo(expected);
        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys("X-Custom");
    }

    @Test
    void aProvenLoginWithTheRoleGoesOnWithItsPrincipalAndWithoutCredentialHeaders() {
        assertLetThrough(ApiAuthentication.anyOf(AUTHENTICATOR, NO_CERTIFICATE, Role.MTSZN, Role.OPERATOR),
                request("operator"), OPERATOR);
    }

    @Test
    void anyLoginNeedsNoRole() {
        assertLetThrough(ApiAuthentication.anyLogin(AUTHENTICATOR, NO_CERTIFICATE), request("mz"), MZ);
    }

    @Test
    void noOrWrongCredentialsAre401AndTheHeadersAreDroppedAnyway() {
        for (String authorization : new String[] {null, "wrong"}) {
            Exchange exchange = request(authorization);
            ApiProblem problem = thrown(ApiAuthentication.anyLogin(AUTHENTICATOR, NO_CERTIFICATE), exchange);
            assertThat(problem.status()).isEqualTo(401);
            assertThat(problem.code()).isEqualTo("unauthenticated");
            assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys("X-Custom");
            assertThat(exchange.getProperty(ApiAuthentication.PRINCIPAL)).isNull();
        }
    }

    @Test
    void aLockedLoginIs429WithItsRetryAfter() {
        ApiProblem problem = thrown(ApiAuthentication.anyLogin(AUTHENTICATOR, NO_CERTIFICATE), request("locked"));
        assertThat(problem.status()).isEqualTo(429);
        assertThat(problem.code()).isEqualTo("login_locked");
        assertThat(problem.retryAfterSeconds()).isEqualTo(42);
    }

    @Test
    void aLoginWithoutTheRoleIs403() {
        Exchange exchange = request("mz");
        ApiProblem problem = thrown(ApiAuthentication.anyOf(AUTHENTICATOR, NO_CERTIFICATE, Role.OPERATOR), exchange);
        assertThat(problem.status()).isEqualTo(403);
        assertThat(problem.code()).isEqualTo("forbidden");
        assertThat(problem.getMessage()).contains("mz");
        assertThat(exchange.getProperty(ApiAuthentication.PRINCIPAL)).isNull();
    }

    @Test
    void withoutAnAuthorizationHeaderTheClientCertificateProvesTheLogin() {
        assertLetThrough(ApiAuthentication.anyOf(AUTHENTICATOR, ASTANA_CERTIFICATE, Role.AGENCY), request(null),
                ASTANA);
    }

    @Test
    void anAuthorizationHeaderIsCheckedByItsPasswordCertificateOrNot() {
        assertLetThrough(ApiAuthentication.anyLogin(AUTHENTICATOR, ASTANA_CERTIFICATE), request("mz"), MZ);

        Exchange wrong = request("wrong");
        assertThat(thrown(ApiAuthentication.anyLogin(AUTHENTICATOR, ASTANA_CERTIFICATE), wrong).status())
                .isEqualTo(401);
        assertThat(wrong.getProperty(ApiAuthentication.PRINCIPAL)).isNull();
    }

    @Test
    void aCertifiedLoginStillNeedsTheRole() {
        Exchange exchange = request(null);
        ApiProblem problem = thrown(ApiAuthentication.anyOf(AUTHENTICATOR, ASTANA_CERTIFICATE, Role.OPERATOR),
                exchange);
        assertThat(problem.status()).isEqualTo(403);
        assertThat(exchange.getProperty(ApiAuthentication.PRINCIPAL)).isNull();
    }

    @Test
    void rolesMustBeNamedAndAStepMustHaveRun() {
        assertThatThrownBy(() -> ApiAuthentication.anyOf(AUTHENTICATOR, NO_CERTIFICATE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiAuthentication.principal(request(null))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyFailureHasOneProblem() {
        ApiProblem conflict = ApiProblem.conflict("busy");
        assertThat(ApiProblem.of(conflict)).isSameAs(conflict);
        assertThat(ApiProblem.of(new LoginLocked(7))).satisfies(p -> {
            assertThat(p.status()).isEqualTo(429);
            assertThat(p.retryAfterSeconds()).isEqualTo(7);
        });
        ApiProblem down = new ApiProblem(503, "broker_unavailable", "no answer");
        assertThat(ApiProblem.of(new Sourced(down))).isSameAs(down);
        ApiProblem internal = ApiProblem.of(new IllegalStateException("secret detail"));
        assertThat(internal.status()).isEqualTo(500);
        assertThat(internal.code()).isEqualTo("internal_error");
        assertThat(internal.getMessage()).doesNotContain("secret");
        assertThat(ApiProblem.badRequest("b").status()).isEqualTo(400);
        assertThat(ApiProblem.badRequest("b").code()).isEqualTo("bad_request");
        assertThat(ApiProblem.notFound("n").status()).isEqualTo(404);
        assertThat(ApiProblem.notFound("n").code()).isEqualTo("not_found");
        assertThat(ApiProblem.conflict("c").status()).isEqualTo(409);
        assertThat(ApiProblem.conflict("c").code()).isEqualTo("conflict");
        assertThat(ApiProblem.forbidden("f").retryAfterSeconds()).isZero();
    }

    private static final class Sourced extends RuntimeException implements ApiProblem.Source {
        private final ApiProblem problem;

        Sourced(ApiProblem problem) {
            this.problem = problem;
        }

        @Override
        public ApiProblem problem() {
            return problem;
        }
    }

    @Test
    void aProblemIsWrittenAsRfc9457JsonWithNothingOfTheRequest() throws Exception {
        Exchange exchange = request("x");
        ApiRouteConfiguration.write(exchange, ApiProblem.notFound("No such submission"));
        // no Cache-Control: the HTTP server adds no-store to every /api/ answer (HttpEchoIT.answersAreNotStoredByCaches)
        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE,
                Exchange.CONTENT_TYPE, "X-Content-Type-Options");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(404);
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(exchange.getMessage().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        JsonNode body = json(exchange);
        List<String> members = new ArrayList<>();
        body.fieldNames().forEachRemaining(members::add);
        assertThat(members).containsExactly("type", "title", "status", "detail", "code");
        assertThat(body.path("type").asText()).isEqualTo("about:blank");
        assertThat(body.path("title").asText()).isEqualTo("Not Found");
        assertThat(body.path("status").asInt()).isEqualTo(404);
        assertThat(body.path("detail").asText()).isEqualTo("No such submission");
        assertThat(body.path("code").asText()).isEqualTo("not_found");
    }

    @Test
    void a401ChallengesWithTheOneRealmUnlessTheConsoleAsked() {
        Exchange browser = request(null);
        ApiRouteConfiguration.write(browser, ApiProblem.unauthenticated());
        assertThat(browser.getMessage().getHeader("WWW-Authenticate"))
                .isEqualTo("Basic realm=\"safework-hub\", charset=\"UTF-8\"");

        Exchange console = request(null);
        console.getMessage().setHeader("X-Requested-With", "console");
        ApiRouteConfiguration.write(console, ApiProblem.unauthenticated());
        assertThat(console.getMessage().getHeader("WWW-Authenticate")).isNull();
        assertThat(console.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);

        Exchange forbidden = request(null);
        ApiRouteConfiguration.write(forbidden, ApiProblem.forbidden("no"));
        assertThat(forbidden.getMessage().getHeader("WWW-Authenticate")).isNull();
        assertThat(forbidden.getMessage().getHeader("Retry-After")).isNull();
    }

    @Test
    void a429SaysWhenToRetry() {
        Exchange exchange = request(null);
        ApiRouteConfiguration.write(exchange, ApiProblem.locked(300));
        assertThat(exchange.getMessage().getHeader("Retry-After")).isEqualTo("300");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(429);
    }

    @Test
    void titlesAreTheReasonPhrases() {
        assertThat(ApiRouteConfiguration.title(400)).isEqualTo("Bad Request");
        assertThat(ApiRouteConfiguration.title(401)).isEqualTo("Unauthorized");
        assertThat(ApiRouteConfiguration.title(403)).isEqualTo("Forbidden");
        assertThat(ApiRouteConfiguration.title(404)).isEqualTo("Not Found");
        assertThat(ApiRouteConfiguration.title(409)).isEqualTo("Conflict");
        assertThat(ApiRouteConfiguration.title(429)).isEqualTo("Too Many Requests");
        assertThat(ApiRouteConfiguration.title(503)).isEqualTo("Service Unavailable");
        assertThat(ApiRouteConfiguration.title(500)).isEqualTo("Internal Server Error");
        assertThat(ApiRouteConfiguration.title(502)).isEqualTo("Internal Server Error");
        assertThat(ApiRouteConfiguration.title(418)).isEqualTo("Error");
    }

    @Test
    void routesThatUseTheConfigurationAnswerAnyFailureAsAProblem() throws Exception {
        context.addRoutes(new ApiRouteConfiguration());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:api").routeId("api-test").routeConfigurationId(ApiRouteConfiguration.ID)
                        .process(ApiAuthentication.anyOf(AUTHENTICATOR, NO_CERTIFICATE, Role.OPERATOR))
                        .process(e -> {
                            throw new IllegalStateException("hidden");
                        });
                from("direct:other").routeId("other-test")
                        .process(e -> {
                            throw new IllegalStateException("not an API route");
                        });
            }
        });
        context.start();

        Exchange anonymous = context.createProducerTemplate().request("direct:api", e -> { });
        assertThat(anonymous.getException()).isNull();
        assertThat(anonymous.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
        assertThat(json(anonymous).path("code").asText()).isEqualTo("unauthenticated");

        Exchange failing = context.createProducerTemplate().request("direct:api",
                e -> e.getMessage().setHeader("Authorization", "operator"));
        assertThat(failing.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(500);
        assertThat(json(failing).path("detail").asText()).isEqualTo("Internal error");

        Exchange other = context.createProducerTemplate().request("direct:other", e -> { });
        assertThat(other.getException()).isInstanceOf(IllegalStateException.class);
    }
}

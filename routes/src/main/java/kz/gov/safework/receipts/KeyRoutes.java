package kz.gov.safework.receipts;

import com.nimbusds.jose.jwk.JWKSet;
import java.util.function.Supplier;
import kz.gov.safework.api.ApiAuthentication;
import kz.gov.safework.api.ApiRouteBuilder;
import org.apache.camel.Exchange;

/**
 * The hub's public signing keys, with which anyone verifies its receipts and feed messages: a JWK set (RFC 7517) of
 * every published key ({@code kid}, {@code alg}, {@code use}, {@code x5c}), the signing one first. At
 * {@code GET /.well-known/jwks.json} without login (public keys are public, RFC 8615), and at {@code GET /api/keys}
 * behind the API's authentication like every {@code /api} route.
 */
public final class KeyRoutes extends ApiRouteBuilder {
    public static final String WELL_KNOWN = "/.well-known/jwks.json";
    public static final String JWK_SET_JSON = "application/jwk-set+json";

    private final Supplier<JWKSet> keys;

    /** @param anyLogin the API's authentication of any login */
    public KeyRoutes(Supplier<JWKSet> keys, ApiAuthentication anyLogin) {
        super(anyLogin);
        this.keys = keys;
    }

    @Override
    public void configure() {
        from("platform-http:" + WELL_KNOWN + "?httpMethodRestrict=GET").routeId("jwks")
                .process(this::answer);

        rest("/api/keys").description("The hub's public signing keys")
                .get().description("The JWK set that verifies the hub's receipts and feed messages")
                .produces(JWK_SET_JSON)
                .to("direct:api-keys");
        apiRoute("api-keys", "api-keys")
                .process(this::answer);
    }

    private void answer(Exchange exchange) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, JWK_SET_JSON);
        // toString() is the public view: no private member of any key leaves.
        exchange.getMessage().setBody(keys.get().toPublicJWKSet().toString());
    }
}

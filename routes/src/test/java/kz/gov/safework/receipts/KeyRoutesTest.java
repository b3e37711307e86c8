package kz.gov.safework.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import kz.gov.safework.api.ApiAuthentication;
import kz.gov.safework.api.ApiAuthenticator;
import kz.gov.safework.api.ApiHttpContext;
import kz.gov.safework.api.ApiRouteConfiguration;
import kz.gov.safework.api.BasicCredentials;
import kz.gov.safework.contract.reference.Principals;
import kz.gov.safework.contract.reference.ReferenceData;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hub's public keys: the same JWK set, public parts only, without login and behind the API's. */
class KeyRoutesTest {
    private static RSAKey current;
    private static RSAKey earlier;

    private final AtomicReference<JWKSet> keys = new AtomicReference<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private DefaultCamelContext context;
    private int port;

    @BeforeAll
    static void makeKeys() throws Exception {
        current = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).algorithm(JWSAlgorithm.RS256)
                .keyUse(KeyUse.SIGNATURE).generate();
        earlier = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).algorithm(JWSAlgorithm.RS256)
                .keyUse(KeyUse.SIGNATURE).generate();
    }

    @BeforeEach
    void start() throws Exception {
        keys.set(new JWKSet(List.of(current, earlier)));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        context = ApiHttpContext.on(port);
        Principals principals = new Principals(ReferenceData.load(java.nio.file.Path.of("..", "config")));
        ApiAuthenticator authenticator = header -> BasicCredentials.parse(header)
                .filter(c -> c.password().equals("mz-secret")).map(BasicCredentials::login).map(principals::of);
        context.addRoutes(new KeyRoutes(keys::get, ApiAuthentication.anyLogin(authenticator, exchange -> Optional.empty())));
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void theWellKnownJwkSetNeedsNoLoginAndHoldsEveryPublishedKeyWithoutItsPrivatePart() throws Exception {
        HttpResponse<String> response = get(KeyRoutes.WELL_KNOWN, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(KeyRoutes.JWK_SET_JSON);
        JWKSet published = JWKSet.parse(response.body());
        assertThat(published.getKeys()).extracting(JWK::getKeyID).containsExactly(current.getKeyID(), earlier.getKeyID());
        assertThat(published.getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
        assertThat(published.getKeys().get(0).getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(response.body()).doesNotContain("\"d\"", "\"p\"", "\"q\"");
        assertThat(published.getKeys().get(0).toRSAKey().toRSAPublicKey()).isEqualTo(current.toRSAPublicKey());
    }

    @Test
    void aRotationShowsAtOnce() throws Exception {
        keys.set(new JWKSet(List.of(earlier)));
        assertThat(JWKSet.parse(get(KeyRoutes.WELL_KNOWN, null).body()).getKeys()).extracting(JWK::getKeyID)
                .containsExactly(earlier.getKeyID());
    }

    @Test
    void theApiGivesTheSameSetToALoginAndAProblemWithoutOne() throws Exception {
        HttpResponse<String> anonymous = get("/api/keys", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue(ApiRouteConfiguration.PROBLEM_JSON);
        assertThat(get("/api/keys", "mz:wrong").statusCode()).isEqualTo(401);

        HttpResponse<String> response = get("/api/keys", "mz:mz-secret");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(KeyRoutes.JWK_SET_JSON);
        assertThat(response.body()).isEqualTo(get(KeyRoutes.WELL_KNOWN, null).body());
    }

    @Test
    void onlyGetIsAnswered() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(KeyRoutes.WELL_KNOWN))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> get(String path, String credentials) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (credentials != null) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

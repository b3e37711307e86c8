package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpServerRequest;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-login count of requests in flight. */
class HttpConnectionLimitsTest {
    private final HttpConnectionLimits limits = new HttpConnectionLimits(2);

    @Test
    void aLoginGetsUpToItsLimitAndNoMore() {
        assertThat(limits.enter("mz")).isTrue();
        assertThat(limits.enter("mz")).isTrue();
        assertThat(limits.enter("mz")).isFalse();
        assertThat(limits.inFlight("mz")).isEqualTo(2);
    }

    @Test
    void otherLoginsAreCountedApart() {
        limits.enter("mz");
        limits.enter("mz");
        assertThat(limits.enter("mvd")).isTrue();
    }

    @Test
    void aRequestThatEndsGivesItsPlaceBackAndAnIdleLoginIsForgotten() {
        limits.enter("mz");
        limits.enter("mz");
        limits.leave("mz");
        assertThat(limits.enter("mz")).isTrue();
        limits.leave("mz");
        limits.leave("mz");
        assertThat(limits.inFlight("mz")).isZero();
        limits.leave("mz");
        assertThat(limits.inFlight("mz")).isZero();
    }

    @Test
    void aRequestIsCountedOnItsBasicLoginElseOnItsCertificatesLogin(@TempDir Path dir) throws Exception {
        TestPki pki = new TestPki(dir, "limits");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(pki.clientKeystore("MZ"))) {
            store.load(in, TestPki.PASSWORD.toCharArray());
        }
        Certificate[] chain = store.getCertificateChain(store.aliases().nextElement());
        String basicMvd = "Basic " + Base64.getEncoder().encodeToString("MVD:x".getBytes(StandardCharsets.UTF_8));

        assertThat(HttpConnectionLimits.login(request(null, chain))).isEqualTo("mz");
        assertThat(HttpConnectionLimits.login(request(basicMvd, chain))).as("the Basic login first").isEqualTo("mvd");
        assertThat(HttpConnectionLimits.login(request(basicMvd, null))).isEqualTo("mvd");
        assertThat(HttpConnectionLimits.login(request(null, null))).as("no certificate, no login").isNull();
    }

    /** A request with an Authorization header (or none) over TLS with a verified client chain (or none). */
    private static HttpServerRequest request(String authorization, Certificate[] chain) {
        SSLSession session = (SSLSession) Proxy.newProxyInstance(HttpConnectionLimitsTest.class.getClassLoader(), new Class<?>[] {SSLSession.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getPeerCertificates")) {
                        if (chain == null) {
                            throw new SSLPeerUnverifiedException("no client certificate");
                        }
                        return chain;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        Map<String, Object> answers = new java.util.HashMap<>();
        answers.put("isSSL", true);
        answers.put("sslSession", session);
        return (HttpServerRequest) Proxy.newProxyInstance(HttpConnectionLimitsTest.class.getClassLoader(),
                new Class<?>[] {HttpServerRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeader") && args.length == 1 && "Authorization".equals(args[0])) {
                        return authorization;
                    }
                    if (answers.containsKey(method.getName())) {
                        return answers.get(method.getName());
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

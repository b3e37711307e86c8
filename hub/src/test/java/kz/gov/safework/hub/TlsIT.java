package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the packaged hub, with a CA made by the test: the broker's TLS port speaks CORE and AMQP to
 * clients that verify the hub's certificate (STOMP too); an agency's client certificate (CN = its login) logs it in
 * without a password and the hub takes the document as that agency's; certificates from another CA and
 * certificates of another agency get nothing; HTTPS serves health and the API, and plain HTTP is off; the API takes
 * a client certificate as its CN's login too (mutual TLS on HTTPS), and Basic still works without one.
 */
class TlsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT = 20_000;
    private static final String LOGIN = "akimat-astana";
    private static final String RECEIPTS = "receipts.AKIMAT-ASTANA";

    @TempDir
    static Path data;
    static TestPki pki;
    static TestPki rogue;
    static HubProcess hub;
    static int tlsPort;

    @BeforeAll
    static void startHub() throws Exception {
        pki = new TestPki(data.resolve("pki"), "hub");
        rogue = new TestPki(data.resolve("rogue"), "rogue");
        tlsPort = HubProcess.freePort();
        hub = new HubProcess(data.resolve("hub"), Map.of(
                "hub.broker.tls-port", Integer.toString(tlsPort),
                "hub.https.port", Integer.toString(HubProcess.freePort()),
                "hub.tls.keystore", pki.serverKeystore("hub", "127.0.0.1", "localhost").toString(),
                "hub.tls.keystore-password", TestPki.PASSWORD,
                "hub.tls.truststore", pki.truststore().toString(),
                "hub.tls.truststore-password", TestPki.PASSWORD,
                "hub.tls.client-auth", "want"), pki.trustingContext()).start();
    }

    @AfterAll
    static void stopHub() throws Exception {
        HubProcess.closeAll(hub);
    }

    /** CORE over TLS (Artemis client): verifies the hub's certificate and host; optional client keystore. */
    private static ConnectionFactory core(Path keystore) throws Exception {
        String url = "tcp://127.0.0.1:" + tlsPort + "?sslEnabled=true;verifyHost=true"
                + ";trustStorePath=" + pki.truststore() + ";trustStorePassword=" + TestPki.PASSWORD
                + ";trustStoreType=PKCS12";
        if (keystore != null) {
            url += ";keyStorePath=" + keystore + ";keyStorePassword=" + TestPki.PASSWORD + ";keyStoreType=PKCS12";
        }
        return new ActiveMQConnectionFactory(url);
    }

    /** AMQP over TLS (Qpid JMS, amqps): the same, as an outside system would configure it. */
    private static ConnectionFactory amqp(Path keystore) throws Exception {
        String url = "amqps://127.0.0.1:" + tlsPort + "?transport.verifyHost=true"
                + "&transport.trustStoreLocation=" + pki.truststore()
                + "&transport.trustStorePassword=" + TestPki.PASSWORD + "&transport.trustStoreType=PKCS12";
        if (keystore != null) {
            url += "&transport.keyStoreLocation=" + keystore + "&transport.keyStorePassword=" + TestPki.PASSWORD
                    + "&transport.keyStoreType=PKCS12";
        }
        return new JmsConnectionFactory(url);
    }

    /** Sends a valid Astana report and returns its receipt, read on the same connection. */
    private static JsonNode reportAndReceipt(Connection connection) throws Exception {
        connection.start();
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TextMessage report = session.createTextMessage(Reports.akimatAstana(Reports.newId()));
            try (var producer = session.createProducer(session.createQueue("reports.in"))) {
                producer.send(report);
            }
            String selector = "JMSCorrelationID = '" + report.getJMSMessageID() + "'";
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(RECEIPTS), selector)) {
                Message receipt = consumer.receive(WAIT);
                assertThat(receipt).as("receipt").isNotNull();
                return JSON.readTree(AgencyClient.text(receipt));
            }
        }
    }

    /** {@link #reportAndReceipt(Connection)} on a connection from {@code factory} without a user name or password. */
    private static JsonNode reportAndReceipt(ConnectionFactory factory) throws Exception {
        try (Connection connection = factory.createConnection()) {
            return reportAndReceipt(connection);
        }
    }

    private static void assertAcceptedAsAstana(JsonNode receipt) {
        assertThat(receipt.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(receipt.path("agency").asText()).isEqualTo("AKIMAT-ASTANA");
        assertThat(receipt.path("channel").asText()).isEqualTo("jms");
    }

    @Test
    void acceptsAReportOverCoreTlsWithAPassword() throws Exception {
        try (Connection connection = core(null).createConnection(LOGIN, QueueChannelIT.password(LOGIN))) {
            assertAcceptedAsAstana(reportAndReceipt(connection));
        }
    }

    @Test
    void acceptsAReportOverAmqpTlsWithAPassword() throws Exception {
        try (Connection connection = amqp(null).createConnection(LOGIN, QueueChannelIT.password(LOGIN))) {
            assertAcceptedAsAstana(reportAndReceipt(connection));
        }
    }

    /** The first 9 bytes of the broker's answer to a STOMP CONNECT over TLS (CONNECTED, or ERROR...). */
    private static String stompConnect(SSLContext tls, String loginHeaders) throws Exception {
        SSLSocketFactory factory = tls.getSocketFactory();
        try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", tlsPort)) {
            SSLParameters params = socket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.getOutputStream().write(("CONNECT\naccept-version:1.2\nhost:hub\n" + loginHeaders + "\n\0")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] frame = new byte[9];
            int read = socket.getInputStream().readNBytes(frame, 0, frame.length);
            return new String(frame, 0, read, StandardCharsets.UTF_8);
        }
    }

    @Test
    void speaksStompOverTls() throws Exception {
        assertThat(stompConnect(pki.trustingContext(),
                "login:" + LOGIN + "\npasscode:" + QueueChannelIT.password(LOGIN) + "\n")).isEqualTo("CONNECTED");
    }

    @Test
    void logsAnAgencyInByItsCertificateOverStompWithoutALogin() throws Exception {
        assertThat(stompConnect(pki.clientContext(pki.clientKeystore(LOGIN)), "")).isEqualTo("CONNECTED");
        assertThat(stompConnect(pki.trustingContext(), "")).isNotEqualTo("CONNECTED");
    }

    @Test
    void logsAnAgencyInByItsCertificateOverCoreWithoutAPassword() throws Exception {
        assertAcceptedAsAstana(reportAndReceipt(core(pki.clientKeystore(LOGIN))));
    }

    @Test
    void logsAnAgencyInByItsCertificateOverAmqpWithoutAPassword() throws Exception {
        assertAcceptedAsAstana(reportAndReceipt(amqp(pki.clientKeystore(LOGIN))));
    }

    @Test
    void refusesAClientCertificateFromAnotherCa() throws Exception {
        Path forged = rogue.clientKeystore(LOGIN);
        assertThatThrownBy(() -> reportAndReceipt(core(forged))).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> reportAndReceipt(amqp(forged))).isInstanceOf(JMSException.class);
    }

    @Test
    void refusesAPasswordlessClientWithoutACertificate() {
        assertThatThrownBy(() -> reportAndReceipt(core(null))).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void refusesACertificateNamingALoginTheHubDoesNotKnow() {
        assertThatThrownBy(() -> reportAndReceipt(core(pki.clientKeystore("stranger"))))
                .isInstanceOf(JMSSecurityException.class);
    }

    /**
     * Grants are per login even though certificate logins reach the broker without a user name (Artemis
     * does not cache grants for a session without one, so each check asks the security manager).
     */
    @Test
    void anotherAgencysCertificateCannotReadAstanasReceipts() throws Exception {
        try (Connection astana = core(pki.clientKeystore(LOGIN)).createConnection();
                Connection mz = core(pki.clientKeystore("mz")).createConnection()) {
            assertAcceptedAsAstana(reportAndReceipt(astana));
            Session session = mz.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue(RECEIPTS)))
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void servesHealthAndTheApiOverHttpsOnly() throws Exception {
        HttpResponse<String> health = hub.http().send(HttpRequest.newBuilder(URI.create(hub.url("/observe/health")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(hub.url("/")).startsWith("https://");
        assertThat(health.statusCode()).isEqualTo(200);

        String basic = Base64.getEncoder().encodeToString(
                (LOGIN + ":" + QueueChannelIT.password(LOGIN)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> api = hub.http().send(HttpRequest.newBuilder(URI.create(hub.url("/api/submissions/none")))
                .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(404);

        // No plain listener beside HTTPS: passwords never cross in clear.
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + hub.httpPort + "/observe/health")).build(),
                HttpResponse.BodyHandlers.discarding())).isInstanceOf(IOException.class);
    }

    /** GET of one submission's receipt over HTTPS with a client certificate and no Authorization header. */
    private static HttpResponse<String> receiptByCertificate(SSLContext client, String submissionId) throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(client).build();
        return https.send(HttpRequest.newBuilder(URI.create(hub.url("/api/submissions/" + submissionId))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void httpsApiTakesAnAgencysCertificateAsItsLoginWithoutAPassword() throws Exception {
        String submissionId;
        try (Connection connection = core(null).createConnection(LOGIN, QueueChannelIT.password(LOGIN))) {
            JsonNode receipt = reportAndReceipt(connection);
            assertAcceptedAsAstana(receipt);
            submissionId = receipt.path("submissionId").asText();
        }
        HttpResponse<String> own = receiptByCertificate(pki.clientContext(pki.clientKeystore(LOGIN)), submissionId);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(JSON.readTree(own.body()).path("submissionId").asText()).isEqualTo(submissionId);
        // mz's certificate logs in as mz, who may not read Astana's receipt.
        assertThat(receiptByCertificate(pki.clientContext(pki.clientKeystore("mz")), submissionId).statusCode())
                .isEqualTo(404);
        // No certificate and no password: nobody.
        assertThat(receiptByCertificate(pki.trustingContext(), submissionId).statusCode()).isEqualTo(401);
    }

    /** GET of any API path over HTTPS with a client certificate and no Authorization header. */
    private static HttpResponse<String> getByCertificate(SSLContext client, String path) throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(client).build();
        return https.send(HttpRequest.newBuilder(URI.create(hub.url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyApiRouteTakesACertificateWithTheLoginsRoles() throws Exception {
        String matrix = "/api/plans/safe-labor-2021-2025/years/2023/matrix";
        HttpResponse<String> cycle = getByCertificate(pki.clientContext(pki.clientKeystore(LOGIN)), matrix);
        assertThat(cycle.statusCode()).as(cycle.body()).isEqualTo(200);
        // An agency's certificate is no operator's; the operator's certificate is.
        assertThat(getByCertificate(pki.clientContext(pki.clientKeystore(LOGIN)), "/api/operator/me").statusCode())
                .isEqualTo(403);
        HttpResponse<String> operator = getByCertificate(pki.clientContext(pki.clientKeystore("operator")),
                "/api/operator/me");
        assertThat(operator.statusCode()).as(operator.body()).isEqualTo(200);
        assertThat(getByCertificate(pki.trustingContext(), matrix).statusCode()).isEqualTo(401);
    }

    @Test
    void httpsApiRefusesACertificateNamingALoginTheHubDoesNotKnow() throws Exception {
        HttpResponse<String> stranger = receiptByCertificate(pki.clientContext(pki.clientKeystore("stranger")), "none");
        assertThat(stranger.statusCode()).isEqualTo(401);
    }

    @Test
    void httpsRefusesAClientCertificateFromAnotherCa() throws Exception {
        Path forged = rogue.clientKeystore(LOGIN);
        assertThatThrownBy(() -> receiptByCertificate(pki.insistingClientContext(forged), "none"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void httpsRefusesClientsThatDoNotTrustTheHubsCa() throws Exception {
        HttpClient untrusting = HttpClient.newBuilder().sslContext(rogue.trustingContext()).build();
        assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create(hub.url("/observe/health"))).build(),
                HttpResponse.BodyHandlers.discarding())).isInstanceOf(IOException.class);
    }

    @Test
    void curlWithTheCaCertificateReadsHealth() throws Exception {
        Process curl = new ProcessBuilder("curl", "-sS", "--fail", "--cacert", pki.caPem().toString(),
                hub.url("/observe/health")).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as(out).isZero();
        assertThat(out).contains("UP");
    }
}

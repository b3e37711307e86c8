package kz.gov.safework.connectors.sftp;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.AgencyKind;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.reference.RemoteSftp;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A hub as far as the SFTP channel is concerned: a Camel context wired by {@link SftpConfiguration} the way
 * the application does it, with the intake and receipt endpoints on {@code direct:} and a captured intake.
 */
final class TestHub implements AutoCloseable {
    static final String MZ_PASSWORD = "mz-secret";
    static final String ASTANA_PASSWORD = "astana-secret";
    static final String OPERATOR_PASSWORD = "operator-secret";

    final CamelContext context = new DefaultCamelContext();
    final CapturedEnvelopes intake = new CapturedEnvelopes();
    final Path dataDir;
    final int port;

    private TestHub(Path dataDir, int port, Properties overrides, List<Agency> agencies, DataSource dataSource)
            throws Exception {
        this(dataDir, port, overrides, agencies, dataSource, context -> {
        });
    }

    private TestHub(Path dataDir, int port, Properties overrides, List<Agency> agencies, DataSource dataSource,
            java.util.function.Consumer<CamelContext> wiring) throws Exception {
        this.dataDir = dataDir;
        this.port = port;
        Properties props = new Properties();
        props.setProperty("hub.sftp.port", Integer.toString(port));
        props.setProperty("hub.sftp.host", "127.0.0.1");
        props.setProperty("hub.data-dir", dataDir.toString());
        props.setProperty("hub.config-dir", dataDir.resolve("config").toString());
        props.setProperty("hub.sftp.poll-delay", "50");
        props.setProperty("hub.sftp.retry-delay", "20");
        props.setProperty("hub.sftp-remote.poll-delay", "200");
        props.setProperty("hub.sftp-remote.stable-interval", "200");
        props.setProperty("hub.sftp-remote.timeout", "3000");
        props.setProperty("hub.intake.uri", "direct:intake");
        props.setProperty("hub.intake.stream-uri", "direct:intake");
        props.setProperty("hub.receipts.sftp.uri", "direct:receipts-sftp");
        props.setProperty("hub.receipts.sftp-remote.uri", "direct:receipts-sftp-remote");
        props.putAll(overrides);
        context.getPropertiesComponent().setInitialProperties(props);
        context.setStreamCaching(false);

        Properties passwords = new Properties();
        passwords.setProperty("mz", MZ_PASSWORD);
        passwords.setProperty("akimat-astana", ASTANA_PASSWORD);
        passwords.setProperty("operator", OPERATOR_PASSWORD);
        wiring.accept(context);
        new SftpConfiguration(new ReferenceData(agencies, List.of(), List.of()), Credentials.of(passwords), dataSource,
                Clock.systemUTC(), null).configure(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // Like a producer to a broker: a failure belongs to the caller (the channel's route) to handle.
                errorHandler(noErrorHandler());
                from("direct:intake").routeId("test-intake").process(intake);
            }
        });
        context.start();
    }

    static Agency agency(String code, RemoteSftp remote) {
        return new Agency(code, AgencyKind.MINISTRY, code, code, code, List.of(), List.of(), remote);
    }

    static List<Agency> dropBoxAgencies() {
        return List.of(agency("MZ", null), agency("AKIMAT-ASTANA", null));
    }

    static TestHub start(Path dataDir) throws Exception {
        return start(dataDir, new Properties());
    }

    static TestHub start(Path dataDir, Properties overrides) throws Exception {
        return new TestHub(dataDir, freePort(), overrides, dropBoxAgencies(), null);
    }

    /** With one setting overridden, e.g. {@code hub.sftp.max-file-size}. */
    static TestHub start(Path dataDir, String setting, String value) throws Exception {
        Properties overrides = new Properties();
        overrides.setProperty(setting, value);
        return start(dataDir, overrides);
    }

    /** With extra wiring (e.g. a {@code jms} component) applied before the SFTP configuration. */
    static TestHub start(Path dataDir, int port, Properties overrides, java.util.function.Consumer<CamelContext> wiring)
            throws Exception {
        return new TestHub(dataDir, port, overrides, dropBoxAgencies(), null, wiring);
    }

    static TestHub startOnPort(Path dataDir, int port) throws Exception {
        return new TestHub(dataDir, port, new Properties(), dropBoxAgencies(), null);
    }

    /** A hub without drop box that polls the given agencies' servers. */
    static TestHub remote(Path dataDir, List<Agency> agencies, DataSource dataSource) throws Exception {
        Properties noDropBox = new Properties();
        noDropBox.setProperty("hub.sftp.port", "0");
        return new TestHub(dataDir, 0, noDropBox, agencies, dataSource);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A session of the MZ drop box login, with its password. */
    SftpTestClient mz() throws IOException {
        return SftpTestClient.password(port, "mz", MZ_PASSWORD);
    }

    /** A session of the Astana akimat's drop box login, with its password. */
    SftpTestClient astana() throws IOException {
        return SftpTestClient.password(port, "akimat-astana", ASTANA_PASSWORD);
    }

    Path home(String login) {
        return dataDir.resolve("sftp").resolve(login);
    }

    void sendReceipt(String uri, java.util.Map<String, Object> headers, String json) {
        context.createProducerTemplate().sendBodyAndHeaders(uri, json, headers);
    }

    @Override
    public void close() {
        context.stop();
    }
}

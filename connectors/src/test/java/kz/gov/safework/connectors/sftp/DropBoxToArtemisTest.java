package kz.gov.safework.connectors.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.testing.NothingMoreArrives;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop box against a real, persistent Artemis {@code hub.intake}: an upload is archived only once the broker
 * has the envelope, and while the broker is away the file waits in the inbox. The envelope is a large message
 * (over Artemis' 100 KiB threshold) that a consumer can read as a stream.
 */
class DropBoxToArtemisTest {
    @TempDir
    Path dataDir;

    private EmbeddedActiveMQ broker;
    private TestHub hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    private void startBroker() throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJournalDirectory(dataDir.resolve("broker/journal").toString())
                .setBindingsDirectory(dataDir.resolve("broker/bindings").toString())
                .setLargeMessagesDirectory(dataDir.resolve("broker/large").toString())
                .setPagingDirectory(dataDir.resolve("broker/paging").toString());
        config.addAcceptorConfiguration("in-vm", "vm://0");
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        broker.start();
    }

    @Test
    void uploadIsArchivedOnlyAfterTheBrokerHasTheEnvelope() throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://0");
        Properties props = new Properties();
        props.setProperty("hub.intake.uri", "jms:queue:hub.intake");
        props.setProperty("hub.intake.stream-uri", "jms:queue:hub.intake?streamMessageTypeEnabled=true&artemisStreamingEnabled=true");
        hub = TestHub.start(dataDir, TestHub.freePort(), props,
                context -> context.addComponent("jms", JmsComponent.jmsComponent(factory)));

        NotifyBuilder failedHandOver = new NotifyBuilder(hub.context).fromRoute("sftp-intake").whenFailed(1).create();
        byte[] content = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(content, (byte) 'x');
        try (SftpTestClient client = hub.mz()) {
            client.upload("/inbox/report.xml", content); // no broker yet: the hand-over fails
        }
        assertThat(failedHandOver.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(hub.home("mz").resolve("inbox/report.xml")).exists();
        assertThat(hub.home("mz").resolve("archive")).isEmptyDirectory();

        startBroker();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(hub.home("mz").resolve("archive/report.xml")));

        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("hub.intake"));
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            Message message = consumer.receive(10_000);
            assertThat(message).isNotNull();
            assertThat(message.getStringProperty(EnvelopeHeaders.FILE_NAME)).isEqualTo("report.xml");
            assertThat(message.getStringProperty(EnvelopeHeaders.AGENCY)).isEqualTo("MZ");
            assertThat(message.getStringProperty(EnvelopeHeaders.CHANNEL)).isEqualTo("sftp");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
                message.setObjectProperty("JMS_AMQ_SaveStream", out); // streamed, as the pipeline should read it
            }
            assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(expected);
            NothingMoreArrives.assertNothingArrivesWithinRedeliveryWindow("second envelope for one upload",
                    consumer::receive);
        }
    }
}

package kz.gov.safework.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.Sha256;
import kz.gov.safework.contract.envelope.Queues;
import kz.gov.safework.contract.report.ItemStatus;
import kz.gov.safework.cycle.StoreFixture.Entry;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import kz.gov.safework.testing.MutableClock;

/** The approved package and queue reminders over a real (embedded) Artemis broker, as the Government sees them. */
class OutboxOverArtemisTest {
    private static final String BASE = "/api/plans/" + TestReference.PLAN + "/years/2022";
    private static final long RECEIVE_TIMEOUT_MS = 10_000;

    private final StoreFixture store = new StoreFixture("artemis-" + UUID.randomUUID());
    private final MutableClock clock = new MutableClock(
            LocalDate.of(2023, 1, 20).atTime(10, 0).atZone(ZoneId.of("Asia/Almaty")).toInstant());
    private EmbeddedActiveMQ broker;
    private ActiveMQConnectionFactory factory;
    private CamelContext context;
    private int port;

    @BeforeEach
    void start() throws Exception {
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(new ConfigurationImpl().setPersistenceEnabled(false).setSecurityEnabled(false)
                .addAcceptorConfiguration("in-vm", "vm://0"));
        broker.start();
        factory = new ActiveMQConnectionFactory("vm://0");
        store.accepted("s-mvd", "MVD", "r-mvd", 2022, Instant.parse("2023-01-09T04:00:00Z"), false, null,
                Entry.of("4-1", ItemStatus.COMPLETED, "Рейды проведены"));
        port = CycleHub.freePort();
        context = CycleHub.start(store.dataSource, TestReference.create(), clock, port, Map.of(
                CycleSetting.OUTBOX_URI.key(), "jms:queue:" + Queues.GOVERNMENT_OUTBOX,
                CycleSetting.JMS_URI_PREFIX.key(), "jms:queue:" + Queues.RECEIPTS_PREFIX),
                c -> c.addComponent("jms", JmsComponent.jmsComponentAutoAcknowledge(factory)));
    }

    @AfterEach
    void stop() throws Exception {
        context.stop();
        factory.close();
        broker.stop();
    }

    @Test
    void approvedPackageReachesTheGovernmentOutboxAsOneGroupOfFiveHashedMessages() throws Exception {
        HttpResponse<String> built = post(BASE + "/consolidations");
        String id = Json.mapper().readTree(built.body()).path("id").asText();
        HttpResponse<String> approved = post(BASE + "/consolidations/" + id + "/approve");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        String manifestSha = Json.mapper().readTree(approved.body()).path("manifestSha256").asText();

        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer outbox = session.createConsumer(session.createQueue(Queues.GOVERNMENT_OUTBOX));
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                Message m = outbox.receive(RECEIVE_TIMEOUT_MS);
                assertThat(m).as("part %d", i + 1).isInstanceOf(BytesMessage.class);
                byte[] body = new byte[(int) ((BytesMessage) m).getBodyLength()];
                ((BytesMessage) m).readBytes(body);
                assertThat(m.getStringProperty("JMSXGroupID")).isEqualTo(id);
                assertThat(m.getStringProperty(CycleRoutes.H_SHA256)).isEqualTo(Sha256.hex(body));
                assertThat(m.getStringProperty(CycleRoutes.H_MANIFEST_SHA256)).isEqualTo(manifestSha);
                parts.add(m.getStringProperty(CycleRoutes.H_PART));
                if ("xml".equals(m.getStringProperty(CycleRoutes.H_PART))) {
                    assertThat(new String(body, StandardCharsets.UTF_8)).contains("Рейды проведены");
                }
            }
            assertThat(parts).containsExactly("xml", "json", "pdf", "manifest", "manifest-sha256", "json-signature",
                "manifest-signature");

            // Resending a part is dropped by the broker's duplicate detection: the next message is the marker.
            context.createProducerTemplate().sendBodyAndHeaders("jms:queue:" + Queues.GOVERNMENT_OUTBOX, "again",
                    Map.of(kz.gov.safework.contract.envelope.Queues.DUPLICATE_ID, id + ":xml"));
            context.createProducerTemplate().sendBody("jms:queue:" + Queues.GOVERNMENT_OUTBOX, "marker");
            Message next = outbox.receive(RECEIVE_TIMEOUT_MS);
            assertThat(((TextMessage) next).getText()).isEqualTo("marker");
        }
    }

    @Test
    void agencyWithoutEmailGetsItsReminderOnItsReceiptsQueue() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer receipts = session.createConsumer(session.createQueue(Queues.receiptsOf("AKIMAT-ALMATY")));
            Message m = receipts.receive(RECEIVE_TIMEOUT_MS);
            assertThat(m).isInstanceOf(TextMessage.class);
            assertThat(m.getStringProperty(CycleRoutes.H_MESSAGE_TYPE)).isEqualTo("REMINDER");
            var reminder = Json.mapper().readTree(((TextMessage) m).getText());
            assertThat(reminder.path("offsetDays").asInt()).isEqualTo(1);
            assertThat(reminder.path("missingItems").toString()).isEqualTo("[\"2\"]");
            assertThat(reminder.path("text").asText()).contains("Срок представления информации", "истёк");
        }
    }

    private HttpResponse<String> post(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", CycleHub.authorization("mtszn")).POST(HttpRequest.BodyPublishers.noBody())
                        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}

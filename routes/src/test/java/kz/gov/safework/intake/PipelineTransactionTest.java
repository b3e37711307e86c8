package kz.gov.safework.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.envelope.Queues;
import kz.gov.safework.contract.reading.DocumentReader;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.observe.EmbeddedBroker;
import kz.gov.safework.observe.HubMeters;
import kz.gov.safework.store.MessageLog;
import kz.gov.safework.store.SubmissionStore;
import kz.gov.safework.validation.BusinessRules;
import kz.gov.safework.validation.Judge;
import kz.gov.safework.validation.NoSignatures;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * The pipeline's JMS transaction with the hub's real endpoint URIs (config/application.properties), a real
 * Artemis and H2: the intake message is consumed only if its answers commit with it, and an answer repeated
 * for a document the store already judged goes out once, without a dead letter.
 */
class PipelineTransactionTest {
    private static final Path CONFIG = Path.of("..", "config");
    private static final int MAX_DELIVERIES = 4;

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;
    private ActiveMQConnectionFactory factory;
    private JmsPoolConnectionFactory pool;
    private CamelContext context;

    @BeforeEach
    void start() throws Exception {
        broker = new EmbeddedBroker(MAX_DELIVERIES,
                Queues.INTAKE, Queues.MTSZN_FEED, Queues.hubReceiptsOf(Channel.JMS), Queues.DLQ);
        int serverId = broker.id();
        factory = broker.connectionFactory();
        pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(factory);

        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:pipeline-" + serverId + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        Clock clock = Clock.systemUTC();
        SubmissionStore store = new SubmissionStore(dataSource, clock);
        Judge judge = new Judge(DocumentReader.progressReports(), NoSignatures.of(ReferenceData.load(CONFIG)),
                new BusinessRules(ReferenceData.load(CONFIG)),
                store, 10_000_000);
        HubMeters meters = new HubMeters(new SimpleMeterRegistry());

        context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("file:" + CONFIG.resolve("application.properties"));
        context.addComponent("jms", JmsTransactions.component(pool));
        context.getRegistry().bind(JmsTransactions.OWN_SESSIONS, JmsTransactions.ownSessions(pool));
        context.addRoutes(new PipelineRoutes(new EnvelopeReader(new MessageLog(dataDir, dataSource, clock), clock),
                new Pipeline(judge, store, meters), meters, clock,
                new kz.gov.safework.store.Outages(dataSource, dataDir, clock, java.time.Duration.ofMinutes(10)), 200, PipelineTestHub.SIGNER,
                new kz.gov.safework.store.SubmissionSteps(dataSource, clock)));
        context.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.stop();
        }
        if (pool != null) {
            pool.stop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theIntakeMessageIsConsumedOnlyIfItsAnswersCommitWithIt() throws Exception {
        String transportId = "AMQ:" + System.nanoTime();
        String submissionId = SubmissionIds.of(Channel.JMS, "akimat-astana", transportId);
        // The feed already holds this submission's message (its duplicate-detection id): a send of it inside a
        // transaction makes the commit fail. Before the fix the intake message was committed first, in a
        // session of its own, and the answers were lost with the failed commit; now the whole transaction
        // rolls back, the envelope comes again, and the store's answer is repeated outside the transaction.
        send(Queues.MTSZN_FEED, "already published", "feed-" + submissionId);
        NotifyBuilder twoAttempts = new NotifyBuilder(context).fromRoute("pipeline").whenDone(2).create();

        sendEnvelope(transportId);

        assertThat(twoAttempts.matches(30, TimeUnit.SECONDS)).as("the envelope came back after the failed commit").isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> depth(Queues.INTAKE) == 0 && depth(receipts()) == 1);
        assertThat(depth(Queues.MTSZN_FEED)).as("feed messages").isEqualTo(1);
        assertThat(depth(Queues.DLQ)).as("dead letters").isZero();
        assertThat(receiptStatus()).isEqualTo("ACCEPTED");
    }

    @Test
    void aRepeatedAnswerForTheSameDocumentGoesOutOnceWithoutADeadLetter() throws Exception {
        // The same transport message again once the first was answered: an SFTP file or a mail taken again after
        // a crash, a replayed dead letter. Inside the transaction its answers would be duplicates, and a duplicate
        // rolls the whole transaction back, again and again, until the envelope is dead-lettered.
        String transportId = "AMQ:" + System.nanoTime();
        sendEnvelope(transportId);
        await().atMost(Duration.ofSeconds(20)).until(() -> depth(Queues.INTAKE) == 0 && depth(receipts()) == 1);
        NotifyBuilder again = new NotifyBuilder(context).fromRoute("pipeline").whenCompleted(1).create();

        sendEnvelope(transportId);

        assertThat(again.matches(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> depth(Queues.INTAKE) == 0);
        assertThat(depth(receipts())).as("receipts").isEqualTo(1);
        assertThat(depth(Queues.MTSZN_FEED)).as("feed messages").isEqualTo(1);
        assertThat(depth(Queues.DLQ)).as("dead letters").isZero();
        assertThat(receiptStatus()).isEqualTo("ACCEPTED");
    }

    private static String receipts() {
        return Queues.hubReceiptsOf(Channel.JMS);
    }

    private long depth(String queue) {
        return broker.messageCount(queue);
    }

    private String receiptStatus() throws Exception {
        try (Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = session.createConsumer(session.createQueue(receipts()))) {
            connection.start();
            Message receipt = consumer.receive(5_000);
            assertThat(receipt).isNotNull();
            return Json.mapper().readTree(receipt.getBody(String.class)).path("status").asText();
        }
    }

    private void send(String queue, String body, String duplicateId) throws Exception {
        try (Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Message message = session.createTextMessage(body);
            message.setStringProperty(Queues.DUPLICATE_ID, duplicateId);
            session.createProducer(session.createQueue(queue)).send(message);
        }
    }

    /** An envelope as the queue channel's adapter makes it. */
    private void sendEnvelope(String transportId) throws Exception {
        byte[] report = Files.readAllBytes(Path.of("..", "schemas", "examples", "valid", "01-akimat-astana-2022.json"));
        try (Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(report);
            message.setStringProperty(EnvelopeHeaders.CHANNEL, Channel.JMS.id());
            message.setStringProperty(EnvelopeHeaders.LOGIN, "akimat-astana");
            message.setStringProperty(EnvelopeHeaders.AGENCY, "AKIMAT-ASTANA");
            message.setStringProperty(EnvelopeHeaders.TRANSPORT_ID, transportId);
            message.setStringProperty(EnvelopeHeaders.CORRELATION, transportId);
            message.setStringProperty(EnvelopeHeaders.CONTENT_TYPE, "application/octet-stream");
            message.setStringProperty(EnvelopeHeaders.RECEIVED_AT, Instant.now().toString());
            session.createProducer(session.createQueue(Queues.INTAKE)).send(message);
        }
    }
}

package kz.gov.safework.connectors.jms;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.envelope.StreamedBody;
import kz.gov.safework.contract.signature.HubSigner;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.AgencyKind;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.validation.ErrorCode;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue channel's two routes in-process, on an in-VM Artemis with the hub's sender stamp: a report on
 * {@code reports.in} becomes an envelope sent to the target the routes are given ({@code hub.intake} here, where the
 * test can read it; the hub gives the pipeline's own endpoint), with login and agency from the broker, never from the
 * message; and a receipt on {@code hub.receipts.jms} reaches the agency's own queue or its allowed reply-to, with
 * the report's message id as correlation and no routing headers ({@code addressReceipt}, which the pipeline also
 * applies to the queue receipts it sends itself).
 */
class JmsChannelRoutesTest {
    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

    private EmbeddedActiveMQ broker;
    private DefaultCamelContext context;
    private ActiveMQConnectionFactory factory;

    @BeforeEach
    void start() throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(false).setSecurityEnabled(false);
        config.addAcceptorConfiguration("in-vm", "vm://0");
        config.registerBrokerPlugin(new SenderStampPlugin("hub"));
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        broker.start();
        factory = new ActiveMQConnectionFactory("vm://0");

        context = new DefaultCamelContext();
        Properties props = new Properties();
        props.setProperty("hub.jms.reports-in.uri", "jms:queue:reports.in?transacted=true&disableReplyTo=true"
                + "&mapJmsMessage=false");
        props.setProperty("hub.intake.uri", "jms:queue:hub.intake");
        props.setProperty("hub.receipts.jms.uri", "jms:queue:hub.receipts.jms?transacted=true&disableReplyTo=true");
        props.setProperty("hub.jms.receipts-out.uri", "jms:queue:receipts.UNKNOWN");
        context.getPropertiesComponent().setInitialProperties(props);
        ActiveMQConnectionFactory hubFactory = new ActiveMQConnectionFactory("vm://0", "hub", "hub");
        context.addComponent("jms", JmsComponent.jmsComponent(hubFactory));
        ReferenceData reference = new ReferenceData(List.of(
                new Agency("MZ", AgencyKind.MINISTRY, "MZ", "MZ", "MZ", List.of(), List.of(), null)), List.of(), List.of());
        context.addRoutes(new JmsChannelRoutes(
                new JmsEnvelopeProcessor(reference, Clock.fixed(NOW, ZoneOffset.UTC), 1024), "{{hub.intake.uri}}"));
        context.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.stop();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void aReportBecomesAnEnvelopeOnHubIntakeWithTheBrokersLogin() throws Exception {
        NotifyBuilder handedOver = new NotifyBuilder(context).fromRoute("jms-intake").whenCompleted(1).create();
        String sentId;
        try (Connection connection = factory.createConnection("mz", "secret")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage report = session.createTextMessage("<report/>");
            report.setJMSReplyTo(session.createQueue("receipts.MZ.desk"));
            report.setStringProperty(EnvelopeHeaders.AGENCY, "AKIMAT-ASTANA"); // forged: the broker's login wins
            session.createProducer(session.createQueue("reports.in")).send(report);
            sentId = report.getJMSMessageID();
        }
        assertThat(handedOver.matches(20, TimeUnit.SECONDS)).isTrue();

        Message envelope = receive("hub.intake");
        assertThat(envelope.getStringProperty(EnvelopeHeaders.CHANNEL)).isEqualTo("jms");
        assertThat(envelope.getStringProperty(EnvelopeHeaders.LOGIN)).isEqualTo("mz");
        assertThat(envelope.getStringProperty(EnvelopeHeaders.AGENCY)).isEqualTo("MZ");
        assertThat(envelope.getStringProperty(EnvelopeHeaders.CORRELATION)).isEqualTo(sentId);
        assertThat(envelope.getStringProperty(EnvelopeHeaders.TRANSPORT_ID)).startsWith("AMQ:");
        assertThat(envelope.getStringProperty(EnvelopeHeaders.REPLY_TO)).isEqualTo("receipts.MZ.desk");
        assertThat(envelope.getStringProperty(EnvelopeHeaders.RECEIVED_AT)).isEqualTo(NOW.toString());
        assertThat(envelope.getStringProperty(EnvelopeHeaders.ADAPTER_ERROR)).isNull();
        assertThat(bytes(envelope)).isEqualTo("<report/>".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOversizedReportAndAForeignReplyToAreNamedOnTheEnvelope() throws Exception {
        NotifyBuilder handedOver = new NotifyBuilder(context).fromRoute("jms-intake").whenCompleted(1).create();
        try (Connection connection = factory.createConnection("mz", "secret")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage report = session.createTextMessage("x".repeat(1025));
            report.setJMSReplyTo(session.createQueue("receipts.AKIMAT-ASTANA"));
            session.createProducer(session.createQueue("reports.in")).send(report);
        }
        assertThat(handedOver.matches(20, TimeUnit.SECONDS)).isTrue();

        Message envelope = receive("hub.intake");
        assertThat(envelope.getStringProperty(EnvelopeHeaders.ADAPTER_ERROR))
                .isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE.name());
        assertThat(envelope.getStringProperty(EnvelopeHeaders.ADAPTER_WARNING))
                .isEqualTo(ErrorCode.REPLY_TO_IGNORED.name());
        assertThat(envelope.getStringProperty(EnvelopeHeaders.REPLY_TO)).isNull();
        assertThat(bytes(envelope)).isEmpty();
    }

    /**
     * A bytes report over 1 MiB is not read by the adapter: the envelope's body is a {@link StreamedBody} that the
     * target (the pipeline's message log in the hub) has Artemis write out, on the consumer's thread, before the
     * report leaves reports.in; one of 1 MiB is still read into a byte array.
     */
    @Test
    void aLargeBytesReportIsStreamedFromTheBrokerByTheTargetOnTheConsumersThread() throws Exception {
        context.getRouteController().stopRoute(JmsChannelRoutes.INTAKE_ROUTE_ID);
        byte[] large = new byte[(2 << 20) + 17];
        new java.util.Random(7).nextBytes(large);
        byte[] small = new byte[1 << 20];
        java.util.Arrays.fill(small, (byte) 'x');
        List<Object> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Boolean> streamedBodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        DefaultCamelContext streaming = new DefaultCamelContext();
        try {
            Properties props = new Properties();
            props.setProperty("hub.jms.reports-in.uri", "jms:queue:reports.in?transacted=true&disableReplyTo=true"
                    + "&mapJmsMessage=false");
            props.setProperty("hub.receipts.jms.uri", "jms:queue:hub.receipts.jms?transacted=true");
            props.setProperty("hub.jms.receipts-out.uri", "jms:queue:receipts.UNKNOWN");
            streaming.getPropertiesComponent().setInitialProperties(props);
            streaming.addComponent("jms", JmsComponent.jmsComponent(new ActiveMQConnectionFactory("vm://0", "hub", "hub")));
            ReferenceData reference = new ReferenceData(List.of(
                    new Agency("MZ", AgencyKind.MINISTRY, "MZ", "MZ", "MZ", List.of(), List.of(), null)), List.of(),
                    List.of());
            streaming.addRoutes(new JmsChannelRoutes(
                    new JmsEnvelopeProcessor(reference, Clock.fixed(NOW, ZoneOffset.UTC), 4 << 20), "direct:log"));
            streaming.addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:log").process(e -> {
                        Object body = e.getMessage().getBody();
                        streamedBodies.add(body instanceof StreamedBody);
                        if (body instanceof StreamedBody streamed) {
                            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                            streamed.writeTo(out);
                            bodies.add(out.toByteArray());
                        } else {
                            bodies.add(body);
                        }
                    });
                }
            });
            streaming.start();
            NotifyBuilder handedOver = new NotifyBuilder(streaming).fromRoute("jms-intake").whenCompleted(2).create();
            try (Connection connection = factory.createConnection("mz", "secret")) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                var producer = session.createProducer(session.createQueue("reports.in"));
                for (byte[] body : List.of(large, small)) {
                    BytesMessage report = session.createBytesMessage();
                    report.writeBytes(body);
                    producer.send(report);
                }
            }
            assertThat(handedOver.matches(20, TimeUnit.SECONDS)).isTrue();
            assertThat(streamedBodies).containsExactly(true, false);
            assertThat(bodies.get(0)).isInstanceOf(byte[].class).isEqualTo(large);
            assertThat(bodies.get(1)).isInstanceOf(byte[].class).isEqualTo(small);
        } finally {
            streaming.stop();
        }
        assertThat(receive("reports.in", 500)).as("both reports consumed").isNull();
    }

    @Test
    void aReceiptGoesToTheAllowedReplyToWithTheReportsIdAndNoInternals() throws Exception {
        sendReceipt("receipts.MZ.desk", "s-1");
        Message receipt = receive("receipts.MZ.desk");
        assertThat(((TextMessage) receipt).getText()).isEqualTo("{\"submissionId\":\"s-1\"}");
        assertThat(receipt.getJMSCorrelationID()).isEqualTo("ID:report-1");
        assertThat(receipt.getStringProperty(EnvelopeHeaders.AGENCY)).isEqualTo("MZ");
        assertThat(receipt.getStringProperty(EnvelopeHeaders.SUBMISSION_ID)).isEqualTo("s-1");
        assertThat(receipt.getStringProperty(EnvelopeHeaders.STATUS)).isEqualTo("ACCEPTED");
        assertThat(receipt.getStringProperty(HubSigner.RECEIPT_SIGNATURE)).isEqualTo("header..signature-of-s-1");
        // The agency gets status, submission id, agency and the hub's signature; the routing headers stay inside.
        List<?> names = Collections.list(receipt.getPropertyNames());
        assertThat(names.stream().map(String::valueOf).filter(name -> name.startsWith("sw")))
                .containsExactlyInAnyOrder(EnvelopeHeaders.SUBMISSION_ID, EnvelopeHeaders.STATUS, EnvelopeHeaders.AGENCY,
                        HubSigner.RECEIPT_SIGNATURE);
    }

    @Test
    void aReceiptWhoseReplyToIsNotTheAgencysGoesToItsOwnQueue() throws Exception {
        sendReceipt("receipts.AKIMAT-ASTANA", "s-2");
        Message receipt = receive("receipts.MZ");
        assertThat(((TextMessage) receipt).getText()).isEqualTo("{\"submissionId\":\"s-2\"}");
        assertThat(receive("receipts.AKIMAT-ASTANA", 500)).isNull();
    }

    private void sendReceipt(String replyTo, String submissionId) {
        NotifyBuilder sent = new NotifyBuilder(context).fromRoute("jms-receipts").whenCompleted(1).create();
        ProducerTemplate producer = context.createProducerTemplate();
        producer.send("jms:queue:hub.receipts.jms", exchange -> {
            var m = exchange.getMessage();
            m.setBody("{\"submissionId\":\"" + submissionId + "\"}");
            m.setHeader(EnvelopeHeaders.AGENCY, "MZ");
            m.setHeader(EnvelopeHeaders.REPLY_TO, replyTo);
            m.setHeader(EnvelopeHeaders.CORRELATION, "ID:report-1");
            m.setHeader(EnvelopeHeaders.SUBMISSION_ID, submissionId);
            m.setHeader(EnvelopeHeaders.STATUS, "ACCEPTED");
            m.setHeader(HubSigner.RECEIPT_SIGNATURE, "header..signature-of-" + submissionId);
        });
        assertThat(sent.matches(20, TimeUnit.SECONDS)).isTrue();
    }

    private Message receive(String queue) throws Exception {
        Message message = receive(queue, 10_000);
        assertThat(message).as("a message on " + queue).isNotNull();
        return message;
    }

    private Message receive(String queue, long timeoutMs) throws Exception {
        try (Connection connection = factory.createConnection("hub", "hub")) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            return consumer.receive(timeoutMs);
        }
    }

    private static byte[] bytes(Message message) throws Exception {
        if (message instanceof BytesMessage b) {
            byte[] body = new byte[(int) b.getBodyLength()];
            b.readBytes(body);
            return body;
        }
        return ((TextMessage) message).getText().getBytes(StandardCharsets.UTF_8);
    }
}

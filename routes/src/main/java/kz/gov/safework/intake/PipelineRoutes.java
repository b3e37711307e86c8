package kz.gov.safework.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.observe.HubMeters;
import kz.gov.safework.contract.envelope.Queues;
import kz.gov.safework.contract.signature.HubSigner;
import kz.gov.safework.store.OutageException;
import kz.gov.safework.store.Outages;
import kz.gov.safework.store.SubmissionSteps;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.jms.JmsConstants;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.RoutePolicy;

/**
 * The one pipeline every channel feeds ({@link #JUDGE}): message log → parse, schema, rules → store →
 * mtszn.feed (accepted only) → receipt back to the channel, each answer signed by the hub ({@link AnswerSignature}).
 * Envelopes come from {@code hub.intake} (SFTP, mail, replayed dead letters) or, without that hop, straight from the
 * queue channel's consumer of {@code reports.in}. The sends and the consumed message (envelope or report) commit in
 * one JMS transaction ({@link JmsTransactions}), after the store's commit; a crash in between redelivers the
 * message and the store answers with the stored judgement. Such a repeated answer may already have gone
 * out (the same document taken again from SFTP or mail, a replayed dead letter): it is sent outside the
 * transaction, where the broker's duplicate detection drops what it already has without failing anything
 * (inside a transaction a duplicate rolls the whole transaction back).
 * <p>
 * An outage of the store (database or disk gone, {@link Outages}) is not the document's fault: the envelope is
 * rolled back, the routes feeding the pipeline stop taking messages ({@link #pauseOnOutage}) and start again when a
 * probe finds the store back; within {@code hub.outage.tolerance} no document goes to the DLQ for it.
 */
public final class PipelineRoutes extends RouteBuilder {
    private static final String RECEIPT = "swReceipt";
    /** Exchange property: the queue a receipt was sent to (for the trail). */
    private static final String RECEIPT_QUEUE = "swReceiptQueue";
    /** Exchange property: the operator who asked for a resend or republish (recorded in the trail). */
    public static final String RESENT_BY = "swResentBy";
    /** Hands a receipt to its channel once more; headers as the pipeline sets them plus {@link EnvelopeHeaders#RESEND_ID}. */
    public static final String SEND_RECEIPT = "direct:send-receipt";
    /** Publishes a feed message once more: the message in header {@link Pipeline#FEED}, the receipt as body. */
    public static final String PUBLISH_FEED = "direct:publish-feed";
    /**
     * Judges one envelope and sends its answers, in the transaction of the JMS consumer whose thread calls it: either
     * an envelope on {@code hub.intake} as its JMS message, or one a channel's adapter built in memory (the queue
     * channel, see {@link EnvelopeReader}).
     */
    public static final String JUDGE = "direct:judge";
    /** Sends an envelope's answers: its feed message (accepted only), then its receipt. */
    private static final String ANSWER = "direct:answer";
    /** The route consuming {@code hub.intake}. */
    public static final String ROUTE_ID = "pipeline";

    private final EnvelopeReader envelopes;
    private final Pipeline pipeline;
    private final HubMeters metrics;
    private final Clock clock;
    private final Outages outages;
    private final long outageCheckMillis;
    private final HubSigner signer;
    private final SubmissionSteps steps;
    private final Map<Channel, DirectReceipts> directReceipts = new EnumMap<>(Channel.class);
    private final Map<Channel, String> directUris = new EnumMap<>(Channel.class);
    private ProducerTemplate producer;

    public PipelineRoutes(EnvelopeReader envelopes, Pipeline pipeline, HubMeters metrics, Clock clock,
                          Outages outages, long outageCheckMillis, HubSigner signer, SubmissionSteps steps) {
        this(envelopes, pipeline, metrics, clock, outages, outageCheckMillis, signer, steps, List.of());
    }

    /** @param directReceipts channels whose receipts leave in the pipeline's own transaction ({@link DirectReceipts}) */
    public PipelineRoutes(EnvelopeReader envelopes, Pipeline pipeline, HubMeters metrics, Clock clock,
                          Outages outages, long outageCheckMillis, HubSigner signer, SubmissionSteps steps,
                          List<DirectReceipts> directReceipts) {
        directReceipts.forEach(direct -> this.directReceipts.put(direct.channel(), direct));
        this.signer = signer;
        this.steps = steps;
        this.outages = outages;
        this.outageCheckMillis = outageCheckMillis;
        this.envelopes = envelopes;
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A new policy for a route that feeds {@link #JUDGE} from a queue: it pauses the route's consumer while the store
     * is out (within {@code hub.outage.tolerance}) and starts it again when the store answers; past the tolerance,
     * deliveries go through again and count. One per route (each pauses its own consumer).
     */
    public RoutePolicy pauseOnOutage() {
        return new OutagePause(() -> outages.storeAnswers() || !outages.withinTolerance(), outageCheckMillis);
    }

    @Override
    public void configure() {
        // Technical failures: retried by redelivery from the broker; on the last attempt the envelope
        // goes to DLQ with the reason, for an operator to replay. The count is that of the consumed message: the
        // envelope on hub.intake, or the report on reports.in (the queue channel keeps its JMSXDeliveryCount). The
        // broker's own limit (hub.broker.max-delivery-attempts, every address) is not below it, so the hub gives up
        // first, with its reason. Handled inside JUDGE: the consumer then commits the dead letter with its message.
        // A queue report's dead letter is its envelope (the queue channel's headers), replayed through hub.intake.
        // An outage within the tolerance: rolled back, never given up; the route policy below pauses the intake.
        onException(OutageException.class)
                .onWhen(e -> outages.withinTolerance())
                .handled(false)
                .process(e -> outages.seen());
        onException(Exception.class)
                .onWhen(simple("${header.JMSXDeliveryCount} >= {{hub.pipeline.max-attempts}}"))
                .handled(true)
                .log("Giving up on ${header.swSubmissionId}: ${exception.message}")
                .setHeader("swFailure", simple("${exception.class.simpleName}: ${exception.message}"))
                // Where an operator's retry sends it back: Artemis' retry needs the queue as well as the address.
                .setHeader("_AMQ_ORIG_ADDRESS", constant(Queues.INTAKE))
                .setHeader("_AMQ_ORIG_QUEUE", constant(Queues.INTAKE))
                .process(EnvelopeReader::restoreBody)
                .to("{{hub.dlq.uri}}");

        // The channels that hand envelopes over on hub.intake (SFTP, mail, an operator's replay of a dead letter).
        from("{{hub.intake.consumer.uri}}").routeId(ROUTE_ID).routePolicy(pauseOnOutage())
                .to(JUDGE);

        // Called on the consumer's thread (hub.intake here, reports.in by the queue channel), so every send below
        // joins the consumer's JMS transaction (JmsTransactions).
        from(JUDGE).routeId("judge")
                .process(envelopes)
                .process(DocumentMdc::open)
                // Broker-internal properties of the envelope (_AMQ_*, the sender stamp) are not passed on.
                .removeHeaders("_*", "swBrokerUser")
                .bean(pipeline, "process")
                .choice().when(exchangeProperty(Pipeline.REPEATED).isEqualTo(true))
                    .process(this::answerAgain)
                .otherwise()
                    .to(ANSWER)
                .end();

        from(ANSWER).routeId("answer")
                .filter(header(Pipeline.FEED).isNotNull())
                    .to(PUBLISH_FEED)
                .end()
                .to(SEND_RECEIPT);

        from(PUBLISH_FEED).routeId("feed-publish")
                .setProperty(RECEIPT, body())
                .setBody(header(Pipeline.FEED))
                .removeHeader(Pipeline.FEED)
                .process(e -> e.getMessage().setHeader(Queues.DUPLICATE_ID, "feed-" + submissionId(e) + resend(e)))
                .setHeader("JMSType", constant("progress-report"))
                .process(new AnswerSignature(signer, HubSigner.FEED_SIGNATURE))
                .choice().when(exchangeProperty(Pipeline.REPEATED).isEqualTo(true))
                    .to(JmsTransactions.inOwnSession(getContext().resolvePropertyPlaceholders("{{hub.feed.uri}}")))
                .otherwise()
                    .to("{{hub.feed.uri}}")
                .end()
                .process(e -> steps.record(submissionId(e), resendId(e) == null ? SubmissionSteps.Kind.FEED_PUBLISHED
                        : SubmissionSteps.Kind.FEED_REPUBLISHED, Queues.MTSZN_FEED, null, null, resendId(e),
                        e.getProperty(RESENT_BY, String.class)))
                .setBody(exchangeProperty(RECEIPT))
                .removeHeader("JMSType")
                .removeHeader(HubSigner.FEED_SIGNATURE);

        // Back to the channel's adapter, hub.receipts.<channel>: one fixed endpoint, the queue in
        // CamelJmsDestinationName. The channel header is the hub's own (set by its adapters) and is checked against
        // the closed set of channels before it names a queue; nothing from a message reaches an endpoint URI.
        // A channel with DirectReceipts (the queue's) gets its receipt from here instead, in this transaction.
        String prefix = getContext().resolvePropertyPlaceholders("{{hub.receipts.uri-prefix}}");
        String receipts = prefix + "channel";
        String queuePrefix = prefix.substring(prefix.lastIndexOf(':') + 1); // after jms:queue:
        Processor toChannelQueue = e -> {
            Channel channel = channel(e);
            e.getMessage().setHeader(JmsConstants.JMS_DESTINATION_NAME, queuePrefix + channel.id());
            e.setProperty(RECEIPT_QUEUE, Queues.hubReceiptsOf(channel));
        };
        producer = getContext().createProducerTemplate();
        directReceipts.values().forEach(direct ->
                directUris.put(direct.channel(), getContext().resolvePropertyPlaceholders(direct.uri())));
        from(SEND_RECEIPT).routeId("receipt-return")
                .removeHeader(Pipeline.FEED)
                .process(e -> e.getMessage().setHeader(Queues.DUPLICATE_ID, "hub-receipt-" + submissionId(e) + resend(e)))
                .process(new AnswerSignature(signer, HubSigner.RECEIPT_SIGNATURE))
                .choice().when(e -> directReceipts.containsKey(channel(e)))
                    .process(this::sendDirect)
                .when(exchangeProperty(Pipeline.REPEATED).isEqualTo(true))
                    .process(toChannelQueue)
                    .to(JmsTransactions.inOwnSession(receipts))
                .otherwise()
                    .process(toChannelQueue)
                    .to(receipts)
                .end()
                .process(e -> steps.record(submissionId(e), resendId(e) == null ? SubmissionSteps.Kind.RECEIPT_SENT
                        : SubmissionSteps.Kind.RECEIPT_RESENT, e.getProperty(RECEIPT_QUEUE, String.class),
                        e.getMessage().getHeader(EnvelopeHeaders.REPLY_TO, String.class),
                        e.getMessage().getHeader(EnvelopeHeaders.CORRELATION, String.class), resendId(e),
                        e.getProperty(RESENT_BY, String.class)))
                .filter(e -> resendId(e) == null) // a resend is not a document's way through the hub
                .process(e -> metrics.endToEnd(Duration.between(
                        Instant.parse(e.getMessage().getHeader(EnvelopeHeaders.RECEIVED_AT, String.class)), Instant.now(clock))));
    }

    /**
     * The receipt of a channel with {@link DirectReceipts}: addressed by the channel's adapter on a copy (its addressing
     * strips the pipeline's own headers, which the trail and the metrics still read here) and sent on this thread, so in
     * the transaction of the consumed document; a repeated answer in a session of its own, as above, where the broker
     * drops a receipt it already has without failing anything. A resend has its own duplicate-detection id per
     * request (the adapter's addressing adds {@link EnvelopeHeaders#RESEND_ID}).
     */
    private void sendDirect(Exchange exchange) throws Exception {
        DirectReceipts direct = directReceipts.get(channel(exchange));
        Exchange receipt = exchange.copy();
        direct.address().process(receipt);
        exchange.setProperty(RECEIPT_QUEUE, receipt.getMessage().getHeader(JmsConstants.JMS_DESTINATION_NAME, String.class));
        String uri = directUris.get(direct.channel());
        producer.send(Boolean.TRUE.equals(exchange.getProperty(Pipeline.REPEATED))
                ? JmsTransactions.inOwnSession(uri) : uri, receipt);
        if (receipt.getException() != null) {
            throw receipt.getException();
        }
    }

    /**
     * A repeated answer, sent outside the transaction, one caller at a time per submission ({@link
     * SubmissionSteps#oneAtATime}). The same document can be answered again on two threads at once: when the broker's
     * connection fails over, a consumer's session is closed under a thread still answering, and the broker gives the
     * message to another consumer. Two sends of one duplicate-detection id racing each other can both pass the broker's
     * check (a fail-back of the broker pair delivered a feed message twice that way); one after the other, the second
     * is dropped.
     */
    private void answerAgain(Exchange exchange) throws Exception {
        Exception failed = steps.oneAtATime(submissionId(exchange), () -> {
            producer.send(ANSWER, exchange);
            return exchange.getException();
        });
        if (failed != null) {
            exchange.setException(null); // thrown again here, as the judge route's own failure
            throw failed;
        }
    }

    private static Channel channel(Exchange exchange) {
        return Channel.fromId(exchange.getMessage().getHeader(EnvelopeHeaders.CHANNEL, String.class));
    }

    private static String submissionId(Exchange exchange) {
        return exchange.getMessage().getHeader(EnvelopeHeaders.SUBMISSION_ID, String.class);
    }

    private static String resendId(Exchange exchange) {
        return exchange.getMessage().getHeader(EnvelopeHeaders.RESEND_ID, String.class);
    }

    /** What a resend adds to a duplicate-detection id: its request id, so each request sends at most once more. */
    private static String resend(Exchange exchange) {
        String id = resendId(exchange);
        return id == null ? "" : "-resend-" + id;
    }
}

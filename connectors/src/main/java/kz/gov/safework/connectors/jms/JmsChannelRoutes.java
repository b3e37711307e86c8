package kz.gov.safework.connectors.jms;

import static kz.gov.safework.contract.envelope.EnvelopeHeaders.AGENCY;
import static kz.gov.safework.contract.envelope.EnvelopeHeaders.CORRELATION;
import static kz.gov.safework.contract.envelope.EnvelopeHeaders.REPLY_TO;

import java.util.List;
import java.util.Locale;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.connectors.common.HeaderFilter;
import kz.gov.safework.contract.envelope.Queues;
import kz.gov.safework.contract.signature.HubSigner;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsConstants;
import org.apache.camel.spi.RoutePolicy;

/**
 * The queue channel: {@code reports.in} → envelope → the pipeline, in one JMS transaction: the hub passes the
 * pipeline's own endpoint as the target (no {@code hub.intake} hop), whose sends (feed, receipt) join the transaction
 * of the consumed report, so the report leaves reports.in only with its answers. And receipts to the sender's
 * reply-to or {@code receipts.<CODE>}, with JMSCorrelationID = the report's JMSMessageID: addressed by
 * {@link #addressReceipt}, which the pipeline applies itself to send a receipt in the report's transaction; route
 * jms-receipts still forwards what waits on {@code hub.receipts.jms}.
 */
public final class JmsChannelRoutes extends RouteBuilder {
    /** The queue channel's intake: reports.in to the pipeline. */
    public static final String INTAKE_ROUTE_ID = "jms-intake";
    /** Receipts to agencies: one fixed endpoint; each receipt's queue is a header ({@link #addressReceipt}). */
    public static final String RECEIPTS_OUT_URI = "{{hub.jms.receipts-out.uri}}";
    private final JmsEnvelopeProcessor envelopes;
    private final String target;
    private final List<RoutePolicy> intakePolicies;

    /**
     * @param target         where each envelope goes, on the consumer's thread (a {@code direct:} endpoint runs in the
     *                       report's transaction)
     * @param intakePolicies route policies of the intake route (the pipeline's pause during a store outage)
     */
    public JmsChannelRoutes(JmsEnvelopeProcessor envelopes, String target, RoutePolicy... intakePolicies) {
        this.envelopes = envelopes;
        this.target = target;
        this.intakePolicies = List.of(intakePolicies);
    }

    @Override
    public void configure() {
        from("{{hub.jms.reports-in.uri}}").routeId(INTAKE_ROUTE_ID).routePolicy(intakePolicies.toArray(RoutePolicy[]::new))
                .process(envelopes)
                .to(target);

        // Receipts the pipeline put on hub.receipts.jms before it sent them itself (DirectReceipts), and any that an
        // older hub left there.
        from("{{hub.receipts.jms.uri}}").routeId("jms-receipts")
                .process(JmsChannelRoutes::addressReceipt)
                // One fixed endpoint; the queue is the header set just above from a checked name, never a URI.
                .to(RECEIPTS_OUT_URI);
    }

    /**
     * Makes the hub's receipt the agency's: Camel's control headers dropped ({@link HeaderFilter}), then
     * {@link #address}. Also what the pipeline applies to a queue receipt it sends to {@link #RECEIPTS_OUT_URI} itself,
     * in the transaction of the report (without the {@code hub.receipts.jms} hop).
     */
    public static void addressReceipt(Exchange exchange) {
        HeaderFilter.INSTANCE.process(exchange);
        address(exchange);
    }

    /**
     * Where a receipt goes: the reply-to when it is exactly {@code receipts.<CODE>[.<name>]} of the agency
     * (checked already by the adapter, again here because this is where it is used), else receipts.CODE.
     * The queue travels in {@code CamelJmsDestinationName}, set after the header filter.
     */
    static void address(Exchange exchange) {
        var in = exchange.getMessage();
        String agency = in.getHeader(AGENCY, String.class);
        String own = Queues.receiptsOf(agency == null ? "UNKNOWN" : agency);
        String replyTo = in.getHeader(REPLY_TO, String.class);
        String target = Queues.isReplyToOf(agency, replyTo) ? replyTo : own;
        in.setHeader(JmsConstants.JMS_DESTINATION_NAME, target);
        in.setHeader("JMSCorrelationID", in.getHeader(CORRELATION, String.class));
        String resend = in.getHeader(EnvelopeHeaders.RESEND_ID, String.class);
        in.setHeader(Queues.DUPLICATE_ID, "receipt-" + in.getHeader("swSubmissionId", String.class) + "-" + target
                + (resend == null ? "" : "-resend-" + resend));
        in.setHeader("JMSType", "receipt");
        // What the agency needs on a receipt: the JSON body, status, submission id, correlation, the hub's signature
        // over the body; no internals.
        in.removeHeaders("sw*", EnvelopeHeaders.SUBMISSION_ID, EnvelopeHeaders.STATUS, AGENCY, EnvelopeHeaders.FILE_NAME,
                HubSigner.RECEIPT_SIGNATURE);
        if (agency != null) {
            in.setHeader(AGENCY, agency.toUpperCase(Locale.ROOT));
        }
    }
}

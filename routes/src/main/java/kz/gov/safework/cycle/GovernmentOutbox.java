package kz.gov.safework.cycle;

import java.time.Clock;
import kz.gov.safework.contract.OutboxRelay;
import kz.gov.safework.contract.envelope.Queues;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay of the Government outbox: sends every part of an approved package that the table
 * {@code government_outbox} has not marked sent, in order, each with a duplicate-detection id
 * ({@code <consolidationId>:<part>}), and marks it sent once the broker has it. The parts were written in the
 * approval's transaction, so a crash at any moment leaves either no approval or all five parts to send; a
 * part sent just before a crash and not yet marked is sent again and dropped by the broker. A refusal stops
 * the round ({@link OutboxRelay}: the order of a package is kept) and the next round, on the next tick, tries again.
 */
public final class GovernmentOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(GovernmentOutbox.class);

    private final CycleStore store;
    private final Clock clock;
    private final CamelContext context;
    private ProducerTemplate producer;

    GovernmentOutbox(CycleStore store, Clock clock, CamelContext context) {
        this.store = store;
        this.clock = clock;
        this.context = context;
    }

    /** Sends what is due; one round at a time (the tick and an approval may both ask). Returns parts sent. */
    public synchronized int drain() {
        if (producer == null) {
            producer = context.createProducerTemplate();
        }
        String uri = CycleSetting.OUTBOX_URI.value(context);
        OutboxRelay.Round round = OutboxRelay.drain(store.unsentParts(),
                part -> producer.send(uri, exchange -> message(exchange.getMessage(), part)).getException(),
                part -> store.outboxSent(part, clock.instant()),
                (part, error) -> {
                    store.outboxFailed(part, error);
                    LOG.warn("Government outbox: part {} of consolidation {} not sent, retried on the next tick: {}",
                            part.part().kind(), part.consolidationId(), error);
                });
        if (round.sent() > 0) {
            LOG.info("Government outbox: {} part(s) sent, {} waiting", round.sent(), round.waiting());
        }
        return round.sent();
    }

    private static void message(Message m, CycleStore.OutboxPart p) {
        ApprovedPackage.Part part = p.part();
        m.setHeader(CycleRoutes.H_MESSAGE_TYPE, "CONSOLIDATED_REPORT");
        m.setHeader(CycleRoutes.H_CONSOLIDATION, p.consolidationId());
        m.setHeader(CycleRoutes.H_PLAN, p.planId());
        m.setHeader(CycleRoutes.H_YEAR, p.year());
        m.setHeader(CycleRoutes.H_VERSION, p.version());
        m.setHeader(CycleRoutes.H_PART, part.kind());
        m.setHeader(CycleRoutes.H_FILE_NAME, part.fileName());
        m.setHeader(CycleRoutes.H_CONTENT_TYPE, part.mediaType());
        m.setHeader(CycleRoutes.H_SHA256, part.sha256());
        m.setHeader(CycleRoutes.H_MANIFEST_SHA256, p.manifestSha256());
        m.setHeader("JMSXGroupID", p.consolidationId());
        m.setHeader(Queues.DUPLICATE_ID, p.consolidationId() + ":" + part.kind());
        m.setBody(part.body());
    }
}

package kz.gov.safework.connectors.mail;

/**
 * Receipts out: the pipeline's receipts for mail documents ({@code hub.receipts.mail.uri}) are collected per
 * mail; the receipt that completes a mail writes its one reply to the mail outbox in the same transaction. The
 * relay ({@code mail-outbox-relay}, every {@code hub.mail.outbox.period} ms) sends what the outbox holds by SMTP:
 * these replies and the refusals written by {@code mail-intake}. Adds nothing when mail is disabled.
 */
public class MailReceiptRoutes extends MailRouteBuilder {
    /** The relay of the mail outbox (replies to agencies' mails). */
    public static final String OUTBOX_RELAY_ROUTE_ID = "mail-outbox-relay";

    public MailReceiptRoutes(MailBeans beans) {
        super(beans);
    }

    @Override
    void configure(MailSettings settings, MailEndpoints endpoints) {
        MailReplyStore store = new MailReplyStore(beans.dataSource(), beans.clock());
        Replies replies = new Replies(settings.hubAddress(), beans.clock(), beans.signer());
        ReceiptCollector collector = new ReceiptCollector(store, replies);
        MailOutbox outbox = new MailOutbox(store, replies, getContext().createProducerTemplate(),
                endpoints.smtpReplies(), settings.outbox(), beans.clock());

        from("{{hub.receipts.mail.uri}}").routeId("mail-receipts")
                .process(MailHeaders::dropControlHeaders)
                .process(collector::collect);

        long period = settings.outbox().periodMillis();
        from("timer:mail-outbox-relay?delay=" + period + "&period=" + period).routeId(OUTBOX_RELAY_ROUTE_ID)
                .process(exchange -> outbox.drain());
    }
}

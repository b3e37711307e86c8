package kz.gov.safework.connectors.mail;

import kz.gov.safework.contract.LogText;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step of the {@code mail-receipts} route. A receipt is stored under its mail (CORRELATION = the mail's
 * {@link MailKey}) and place (BATCH_INDEX); when the mail's BATCH_SIZE receipts are in, the reply is written to
 * the mail outbox in the same transaction, and the relay ({@link MailOutbox}) sends it. Nothing is sent from here:
 * a crash after this step's commit loses no reply and sends none twice.
 */
public record ReceiptCollector(MailReplyStore store, Replies replies) {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptCollector.class);

    /** Stores the receipt; the body becomes whether the mail's reply was written (for the route to wake the relay). */
    public void collect(Exchange exchange) {
        Message in = exchange.getIn();
        String mailKey = in.getHeader(EnvelopeHeaders.CORRELATION, String.class);
        Integer index = in.getHeader(EnvelopeHeaders.BATCH_INDEX, Integer.class);
        String sender = in.getHeader(EnvelopeHeaders.REPLY_TO, String.class);
        if (mailKey == null || index == null || sender == null) {
            LOG.warn("Receipt {} for mail has no correlation, index or reply address: dropped",
                    in.getHeader(EnvelopeHeaders.SUBMISSION_ID));
            in.setBody(false);
            return;
        }
        int size = in.getHeader(EnvelopeHeaders.BATCH_SIZE, 1, Integer.class);
        MailReceipt receipt = new MailReceipt(index, in.getHeader(EnvelopeHeaders.FILE_NAME, String.class),
                in.getHeader(EnvelopeHeaders.STATUS, String.class), in.getBody(String.class));
        boolean answered = store.collect(mailKey, sender, in.getHeader(EnvelopeHeaders.AGENCY, String.class), size,
                receipt, replies::receipts);
        if (answered) {
            LOG.info("Mail {}: every receipt in, reply written to the mail outbox", LogText.of(MailKey.parse(mailKey).messageId()));
        }
        in.setBody(answered);
    }
}

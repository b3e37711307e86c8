package kz.gov.safework.connectors.mail;

import jakarta.mail.MessagingException;
import java.util.Optional;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code mail-receipts} route. A receipt is stored under its mail (CORRELATION =
 * Message-ID) and place (BATCH_INDEX); when the mail's BATCH_SIZE receipts are in and no reply went out yet,
 * the body becomes the reply. A crash between sending and {@link #markReplied} re-sends that reply once the
 * receipt is redelivered: at least once, never never.
 */
public final class ReceiptCollector {
    /** Exchange property: the Message-ID whose reply is being sent. */
    static final String REPLYING_TO = "swMailReplyingTo";
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptCollector.class);

    private final MailReplyStore store;
    private final Replies replies;

    public ReceiptCollector(MailReplyStore store, Replies replies) {
        this.store = store;
        this.replies = replies;
    }

    public void collect(Exchange exchange) throws MessagingException {
        Message in = exchange.getIn();
        String messageId = in.getHeader(EnvelopeHeaders.CORRELATION, String.class);
        Integer index = in.getHeader(EnvelopeHeaders.BATCH_INDEX, Integer.class);
        String sender = in.getHeader(EnvelopeHeaders.REPLY_TO, String.class);
        if (messageId == null || index == null || sender == null) {
            LOG.warn("Receipt {} for mail has no correlation, index or reply address: dropped",
                    in.getHeader(EnvelopeHeaders.SUBMISSION_ID));
            in.setBody(null);
            return;
        }
        int size = in.getHeader(EnvelopeHeaders.BATCH_SIZE, 1, Integer.class);
        MailReceipt receipt = new MailReceipt(index, in.getHeader(EnvelopeHeaders.FILE_NAME, String.class),
                in.getHeader(EnvelopeHeaders.STATUS, String.class), in.getBody(String.class));
        Optional<MailReplyStore.PendingReply> pending = store.collect(messageId, sender,
                in.getHeader(EnvelopeHeaders.AGENCY, String.class), size, receipt);
        if (pending.isEmpty()) {
            in.setBody(null);
            return;
        }
        exchange.setProperty(REPLYING_TO, messageId);
        in.setBody(replies.receipts(pending.get().original(), pending.get().receipts()));
    }

    public void markReplied(Exchange exchange) {
        store.markReplied(exchange.getProperty(REPLYING_TO, String.class));
    }
}

package kz.gov.safework.connectors.mail;

import jakarta.mail.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.Properties;
import kz.gov.safework.contract.Backoff;
import kz.gov.safework.contract.LogText;
import kz.gov.safework.contract.OutboxRelay;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay of the mail outbox ({@code mail_outbox}): sends every reply not yet marked sent, each with the
 * Message-ID it was written with, and marks it sent once the SMTP server accepted it. A refused send (the server
 * down, a temporary error) is tried again after a back-off that doubles from {@code hub.mail.outbox.retry-delay}
 * up to {@code hub.mail.outbox.max-retry-delay}, and ends the round, so an unreachable server is not asked once
 * per reply. A reply the server refuses for good (an SMTP 5xx answer, {@link SmtpAnswer}) is kept as undeliverable
 * with the server's answer, logged as an error, and not tried again. A mail whose receipts did not all come within {@code hub.mail.reply.max-wait} is answered with what
 * there is, the missing documents named.
 *
 * <p>SMTP has no idempotent send: a crash after the server accepted a reply and before it is marked sent sends it
 * again at the next round, with the same Message-ID.
 */
public final class MailOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(MailOutbox.class);
    /**
     * Replies the SMTP server refused for good in the last 24 hours ({@code hub_mail_replies_undeliverable}; the
     * alert {@code HubMailReplyUndeliverable} reads it).
     */
    public static final String UNDELIVERABLE_GAUGE = "hub.mail.replies.undeliverable";
    private static final int ROUND = 50;

    private final MailReplyStore store;
    private final Replies replies;
    private final ProducerTemplate producer;
    private final String smtpUri;
    private final MailSettings.Outbox settings;
    private final Clock clock;
    private final Backoff backoff;
    private final Session session = Session.getInstance(new Properties());

    public MailOutbox(MailReplyStore store, Replies replies, ProducerTemplate producer, String smtpUri,
                      MailSettings.Outbox settings, Clock clock) {
        this.store = store;
        this.replies = replies;
        this.producer = producer;
        this.smtpUri = smtpUri;
        this.settings = settings;
        this.clock = clock;
        this.backoff = new Backoff(Duration.ofMillis(settings.retryMillis()),
                Duration.ofMillis(settings.maxRetryMillis()));
    }

    /** One round: answers the mails that waited too long, then sends what is due. Returns the replies sent. */
    public synchronized int drain() {
        answerOverdue();
        // A reply whose stored bytes do not parse is refused like an unreachable server: kept, with the reason, for
        // an operator, and tried again after its back-off.
        Exception[] refusal = new Exception[1];
        OutboxRelay.Round round = OutboxRelay.drain(store.due(ROUND),
                mail -> {
                    refusal[0] = null;
                    OutgoingMail message = OutgoingMail.parse(session, mail.mime(), mail.messageId());
                    refusal[0] = producer.send(smtpUri, exchange -> exchange.getIn().setBody(message)).getException();
                    return refusal[0];
                },
                store::sent,
                (mail, why) -> {
                    OptionalInt code = SmtpAnswer.permanentRefusal(refusal[0]);
                    if (code.isPresent()) {
                        store.undeliverable(mail, why);
                        LOG.error("Mail reply {} refused for good by the SMTP server ({}), not tried again; the "
                                + "sender's address needs a look: {}", LogText.of(mail.messageId()), code.getAsInt(),
                                LogText.of(why));
                        return;
                    }
                    Instant next = clock.instant().plus(backoff(mail.attempts() + 1));
                    store.failed(mail, why, next);
                    LOG.warn("Mail reply {} not sent (attempt {}), next attempt at {}: {}",
                            LogText.of(mail.messageId()), mail.attempts() + 1, next, LogText.of(why));
                });
        if (round.sent() > 0) {
            LOG.info("Mail outbox: {} repl(y/ies) sent", round.sent());
        }
        return round.sent();
    }

    /** The wait after the {@code refusals}-th refusal of one reply in a row. */
    Duration backoff(int refusals) {
        return backoff.after(refusals);
    }

    private void answerOverdue() {
        Instant before = clock.instant().minusMillis(settings.replyWaitMillis());
        for (String key : store.unansweredSince(before)) {
            if (store.answerAsItIs(key, replies::receipts)) {
                LOG.warn("Mail {} waited over {} ms for the receipts of its documents: answered with the ones there "
                        + "are, the others named as not judged", LogText.of(MailKey.parse(key).messageId()),
                        settings.replyWaitMillis());
            }
        }
    }
}

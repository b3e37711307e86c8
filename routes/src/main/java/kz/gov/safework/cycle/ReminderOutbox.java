package kz.gov.safework.cycle;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Properties;
import kz.gov.safework.contract.Backoff;
import kz.gov.safework.contract.OutboxRelay;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mail.MailEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay of e-mail reminders, in the shape of {@link GovernmentOutbox}: the reminder check claims a reminder by
 * writing its row (what it says, who it is for) to {@code cycle_reminder}, and this relay sends every claimed
 * e-mail reminder without {@code delivered_at} to {@code hub.cycle.mail.uri}, then sets it. A refusal (the SMTP
 * server down) delays the reminder by a {@link Backoff} and ends the round; it is never dropped. Each reminder
 * goes out with a Message-ID derived from its key, the same on every attempt: SMTP has no idempotent send, so a
 * crash between the server's accept and {@code delivered_at} sends it again, as the same message.
 */
public final class ReminderOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(ReminderOutbox.class);
    private static final Session SESSION = Session.getInstance(new Properties());

    private final CycleStore store;
    private final Clock clock;
    private final CamelContext context;
    private final String uri;
    private final Backoff backoff;
    private ProducerTemplate producer;

    ReminderOutbox(CycleStore store, Clock clock, CamelContext context, String uri, Backoff backoff) {
        this.store = store;
        this.clock = clock;
        this.context = context;
        this.uri = uri;
        this.backoff = backoff;
    }

    /** Sends the e-mail reminders that are due; one round at a time. Returns the reminders sent. */
    public synchronized int drain() {
        if (producer == null) {
            producer = context.createProducerTemplate();
        }
        Endpoint endpoint = context.getEndpoint(uri);
        String domain = domainOf(endpoint);
        OutboxRelay.Round round = OutboxRelay.drain(store.undeliveredReminders(clock.instant()),
                reminder -> producer.send(endpoint,
                        exchange -> message(exchange, endpoint, reminder, messageId(reminder.key(), domain)))
                        .getException(),
                reminder -> store.reminderDelivered(reminder, messageId(reminder.key(), domain), clock.instant()),
                (reminder, error) -> {
                    Instant next = clock.instant().plus(backoff.after(reminder.attempts() + 1));
                    store.reminderFailed(reminder, messageId(reminder.key(), domain), error, next);
                    LOG.warn("Reminder {} not sent (attempt {}), next attempt at {}: {}", reminder.key(),
                            reminder.attempts() + 1, next, error);
                });
        if (round.sent() > 0) {
            LOG.info("Reminder outbox: {} e-mail reminder(s) sent, {} waiting", round.sent(), round.waiting());
        }
        return round.sent();
    }

    /** {@code <reminder.<40 hex of SHA-256(key)>@<domain>>}: the same for one reminder on every attempt. */
    static String messageId(String key, String domain) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "<reminder." + HexFormat.of().formatHex(hash, 0, 20) + "@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The domain of the endpoint's From address (the hub's own), else {@code hub.local}. */
    static String domainOf(Endpoint endpoint) {
        String from = endpoint instanceof MailEndpoint mail ? mail.getConfiguration().getFrom() : null;
        int at = from == null ? -1 : from.lastIndexOf('@');
        return at < 0 ? "hub.local" : from.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "");
    }

    /**
     * The reminder as a message for the endpoint: To, Subject and the text, as before. To a mail endpoint it goes
     * as a MimeMessage made by the endpoint's own binding (its From, its content type) whose Message-ID stays fixed.
     */
    private static void message(Exchange exchange, Endpoint endpoint, CycleStore.ReminderMail r, String messageId)
            throws MessagingException, java.io.IOException {
        Message m = exchange.getMessage();
        m.setHeader("To", r.recipient());
        m.setHeader("Subject", r.subject());
        m.setHeader("Content-Type", "text/plain; charset=UTF-8");
        m.setHeader("Message-ID", messageId);
        m.setBody(r.body());
        if (endpoint instanceof MailEndpoint mail) {
            MimeMessage mime = new FixedIdMessage(messageId);
            mail.getBinding().populateMailMessage(mail, mime, exchange);
            m.setBody(mime);
        }
    }

    /** Jakarta Mail gives a message a new random Message-ID whenever it is saved (every send saves it); not this one. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(String id) {
            super(SESSION);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}

package kz.gov.safework.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.FolderClosedException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * The intake's reading step when reading a mail fails: whatever is thrown, even an Error, becomes a verdict
 * that moves the mail to quarantine, so it is not read again at every poll; only a lost connection to the
 * mail server fails the exchange (the mail is fine and is read at the next poll).
 */
class MailIntakeFailureTest {
    private final CamelContext camel = new DefaultCamelContext();
    private final MailIntake intake = new MailIntake(new MailReader(new MailLimits(65_536, 10)),
            new SenderAuthentication(MailFixture.TRUSTED_AUTHSERV_ID), new Replies(MailFixture.HUB, Clock.systemUTC(), MailFixture.SIGNER),
            MailFixture.REFERENCE, null, Clock.systemUTC());

    @Test
    void outOfMemoryWhileReadingAMailQuarantinesIt() {
        Exchange exchange = exchangeFor(new FailingMail(new OutOfMemoryError("Java heap space (test)")));

        intake.read(exchange);

        assertThat(exchange.getProperty(MailIntake.VERDICT)).isEqualTo(MailIntake.Verdict.UNREADABLE);
        assertThat(MailIntake.quarantined(exchange)).isTrue();
        assertThat(exchange.getProperty(MailIntake.REASON, String.class)).contains("OutOfMemoryError");
    }

    @Test
    void anyExceptionWhileReadingAMailQuarantinesIt() {
        Exchange exchange = exchangeFor(new FailingMail(new IllegalStateException("parser bug (test)")));

        intake.read(exchange);

        assertThat(MailIntake.quarantined(exchange)).isTrue();
    }

    @Test
    void lostConnectionFailsTheExchangeSoTheMailIsReadAgain() {
        Exchange exchange = exchangeFor(new FailingMail(new FolderClosedException(null, "connection reset (test)")));

        assertThatThrownBy(() -> intake.read(exchange)).hasCauseInstanceOf(FolderClosedException.class);
    }

    @Test
    void socketTimeoutInsideAMessagingExceptionFailsTheExchangeToo() {
        Exchange exchange = exchangeFor(new FailingMail(new jakarta.mail.MessagingException("fetch failed (test)",
                new java.net.SocketTimeoutException("Read timed out"))));

        assertThatThrownBy(() -> intake.read(exchange)).isInstanceOf(org.apache.camel.RuntimeCamelException.class);
    }

    private Exchange exchangeFor(MimeMessage mail) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setIn(new MailMessage(exchange, mail, false));
        return exchange;
    }

    /** A mail whose download throws what it is given. */
    private static final class FailingMail extends MimeMessage {
        private final Throwable failure;

        FailingMail(Throwable failure) {
            super(Session.getInstance(new Properties()));
            this.failure = failure;
        }

        @Override
        public void writeTo(OutputStream os) {
            sneakyThrow(failure);
        }

        @SuppressWarnings("unchecked")
        private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
            throw (T) t;
        }
    }
}

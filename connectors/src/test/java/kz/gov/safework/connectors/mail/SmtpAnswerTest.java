package kz.gov.safework.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.apache.camel.RuntimeCamelException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** Which refusals of an SMTP server are for good (5xx), as the mail provider and Camel hand them over. */
class SmtpAnswerTest {
    @Test
    void aRecipientRefusedWith5xxInsideTheSendsFailureIsForGood() throws Exception {
        Exception failure = new RuntimeCamelException(new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(new InternetAddress("a@b.example"), "RCPT TO:<a@b.example>", 550,
                        "550 5.1.1 user unknown")));

        assertThat(SmtpAnswer.permanentRefusal(failure)).hasValue(550);
    }

    @Test
    void aMessageRefusedWith5xxAfterItsDataIsForGood() throws Exception {
        Exception failure = new SMTPSendFailedException("DATA", 554, "554 5.7.1 rejected as spam", null, null, null, null);

        assertThat(SmtpAnswer.permanentRefusal(failure)).hasValue(554);
    }

    @Test
    void a4xxAServerThatCannotBeReachedAndNoFailureAreNotForGood() throws Exception {
        assertThat(SmtpAnswer.permanentRefusal(new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(new InternetAddress("a@b.example"), "RCPT TO:<a@b.example>", 421,
                        "421 4.7.0 try again later")))).isEmpty();
        assertThat(SmtpAnswer.permanentRefusal(new MessagingException("Could not connect to SMTP host",
                new java.net.ConnectException("Connection refused")))).isEmpty();
        assertThat(SmtpAnswer.permanentRefusal(null)).isEmpty();
    }
}

package kz.gov.safework.connectors.mail;

import jakarta.mail.MessagingException;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What an SMTP server's refusal says about trying again (RFC 5321 §4.2.1): a 4xx answer is transient, a 5xx answer
 * permanent (no such mailbox, relaying denied, a message it will never take). The mail provider reports the code on
 * its {@code SMTPAddressFailedException} or {@code SMTPSendFailedException}, somewhere in the chain of causes and
 * next exceptions of what the send threw; read through {@code getReturnCode()}, so either of the providers on the
 * class path (Angus, or the older com.sun one) is understood.
 */
final class SmtpAnswer {
    private SmtpAnswer() {
    }

    /** The 5xx code of a permanent refusal in {@code failure}'s chain; empty when there is none (down, 4xx, other). */
    static OptionalInt permanentRefusal(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = next(t)) {
            OptionalInt code = returnCode(t);
            if (code.isPresent() && code.getAsInt() >= 500 && code.getAsInt() < 600) {
                return code;
            }
        }
        return OptionalInt.empty();
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause();
    }

    private static OptionalInt returnCode(Throwable t) {
        try {
            Object code = t.getClass().getMethod("getReturnCode").invoke(t);
            return code instanceof Integer rc ? OptionalInt.of(rc) : OptionalInt.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }
}

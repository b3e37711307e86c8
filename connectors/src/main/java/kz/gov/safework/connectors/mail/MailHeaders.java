package kz.gov.safework.connectors.mail;

import java.util.Locale;
import kz.gov.safework.connectors.common.HeaderFilter;
import org.apache.camel.Exchange;

/**
 * Header hygiene right after each consumer. Camel 4.18's header filters can be bypassed (case variants of
 * {@code Camel*}), and camel-mail reads {@code mail.smtp.*}, {@code moveTo}, {@code copyTo} and {@code delete}
 * headers as instructions, so nothing a sender wrote may survive as a header.
 */
public final class MailHeaders {
    private MailHeaders() {
    }

    /** The mail intake reads everything it needs from the raw mail, so it keeps no header at all. */
    public static void dropAll(Exchange exchange) {
        exchange.getIn().removeHeaders("*");
    }

    /** For messages from inside the hub (receipts): keep the sw* envelope headers, drop control-like ones. */
    public static void dropControlHeaders(Exchange exchange) {
        exchange.getIn().getHeaders().keySet().removeIf(MailHeaders::isControlLike);
    }

    static boolean isControlLike(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return HeaderFilter.isControlHeader(name)
                || lower.equals("moveto") || lower.equals("copyto") || lower.equals("delete");
    }
}

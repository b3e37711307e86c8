package kz.gov.safework.connectors.common;

import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Drops every header a sender could use to steer Camel: names starting with "camel" in any case
 * (Camel 4.18's own filters miss case variants) and "mail." (camel-mail inbound headers).
 * Runs right after each consumer.
 */
public final class HeaderFilter implements Processor {
    public static final HeaderFilter INSTANCE = new HeaderFilter();
    /** The same rule as a pattern for {@code removeHeaders(...)} in route definitions. */
    public static final String UNTRUSTED = "(?i)(camel|mail\\.).*";

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().getHeaders().keySet().removeIf(HeaderFilter::isControlHeader);
    }

    public static boolean isControlHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("camel") || lower.startsWith("mail.");
    }
}

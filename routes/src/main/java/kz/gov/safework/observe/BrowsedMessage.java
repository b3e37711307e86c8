package kz.gov.safework.observe;

import java.time.Instant;
import java.util.Map;

/**
 * A message looked at without consuming it: the broker's id, the JMS id, when it was sent, how often it
 * was delivered, its properties (including Artemis' {@code _AMQ_ORIG_ADDRESS}), its body size and the
 * first bytes of its body ({@code bodyHead}, cut at what the caller asked for).
 */
public record BrowsedMessage(
        long id,
        String jmsMessageId,
        Instant timestamp,
        int deliveryCount,
        Map<String, Object> properties,
        long size,
        byte[] bodyHead) {

    public BrowsedMessage {
        properties = Map.copyOf(properties);
    }

    public String property(String name) {
        Object value = properties.get(name);
        return value == null ? null : value.toString();
    }
}

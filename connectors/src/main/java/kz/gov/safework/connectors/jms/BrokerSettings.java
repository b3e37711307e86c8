package kz.gov.safework.connectors.jms;

import java.nio.file.Path;

/**
 * Settings of the embedded broker, from configuration. {@code hubUser}/{@code hubPassword} are the
 * hub's own in-VM identity; the password is generated per start unless configured.
 */
public record BrokerSettings(
        Path dataDir,
        String host,
        int port,
        String hubUser,
        String hubPassword,
        String feedConsumerLogin,
        int maxDeliveryAttempts,
        long redeliveryDelayMillis,
        int duplicateIdCacheSize) {
}

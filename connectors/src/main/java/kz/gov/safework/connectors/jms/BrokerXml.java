package kz.gov.safework.connectors.jms;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.envelope.Queues;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.ReferenceData;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.deployers.impl.FileConfigurationParser;
import org.apache.activemq.artemis.core.settings.impl.ResourceLimitSettings;

/**
 * config/broker/broker.xml as the embedded broker reads it. A standalone broker fills the file's
 * {@code ${safework.broker.<name>:<default>}} values from its Java system properties; the embedded one from the
 * hub's settings ({@code hub.broker.*}, {@code hub.max-document-size}), before Artemis' own parser reads the file.
 * The file lists what each agency of config/agencies.yaml may do (its receipts' security settings, its login's
 * resource limits, its receipts queue): an agency the file does not name stops the hub at start with the agency
 * and what is missing, instead of a broker on which that agency could read nothing.
 */
final class BrokerXml {
    private static final Pattern VALUE = Pattern.compile("\\$\\{safework\\.broker\\.([a-z-]+)(?::([^}]*))?}");
    /** Values of the file's acceptors, which the embedded broker replaces with its own: their defaults stand. */
    private static final Set<String> ACCEPTOR_ONLY = Set.of("keystore", "keystore-password");

    private BrokerXml() {
    }

    static Configuration read(Path file, BrokerSettings settings, ReferenceData referenceData) throws Exception {
        String xml;
        try {
            xml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("The embedded broker's configuration " + file + " cannot be read: " + e, e);
        }
        Configuration config = new FileConfigurationParser().parseMainConfig(
                new ByteArrayInputStream(fill(xml, values(settings), file).getBytes(StandardCharsets.UTF_8)));
        List<String> missing = missing(config, referenceData);
        if (!missing.isEmpty()) {
            throw new IllegalStateException(file + " does not configure what config/agencies.yaml and the hub need: "
                    + String.join("; ", missing) + ". Add them as the file has them for the other agencies.");
        }
        return config;
    }

    /** The hub's setting behind each {@code ${safework.broker.<name>}} of the file. */
    static Map<String, String> values(BrokerSettings settings) {
        return Map.ofEntries(
                Map.entry("host", settings.host()),
                Map.entry("port", Integer.toString(settings.port())),
                Map.entry("tls-port", Integer.toString(settings.tlsPort())),
                Map.entry("hub-user", settings.hubUser()),
                Map.entry("max-message-bytes", Long.toString(settings.maxMessageBytes())),
                Map.entry("duplicate-id-cache-size", Integer.toString(settings.duplicateIdCacheSize())),
                Map.entry("max-disk-usage", Integer.toString(settings.maxDiskUsage())),
                Map.entry("max-delivery-attempts", Integer.toString(settings.maxDeliveryAttempts())),
                Map.entry("redelivery-delay-ms", Long.toString(settings.redeliveryDelayMillis())),
                Map.entry("max-redelivery-delay-ms", Long.toString(settings.redeliveryDelayMillis() * 30)),
                Map.entry("address-max-size-bytes", Long.toString(settings.addressMaxBytes())),
                Map.entry("address-memory-bytes", Long.toString(settings.addressMemoryBytes())),
                Map.entry("reply-queue-idle-ms", Long.toString(settings.replyQueueIdleMillis())),
                Map.entry("max-connections-per-login", Integer.toString(settings.maxConnectionsPerLogin())),
                Map.entry("max-queues-per-login", Integer.toString(settings.maxQueuesPerLogin())));
    }

    /**
     * The file with every {@code ${safework.broker.<name>}} replaced by the hub's value, XML-escaped (a host or login
     * is the operator's text); a name the hub does not know fails, so a value added to the file is not silently
     * left at its default in the embedded broker.
     */
    static String fill(String xml, Map<String, String> values, Path file) {
        Matcher m = VALUE.matcher(xml);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (values.containsKey(name)) {
                value = values.get(name);
            } else if (ACCEPTOR_ONLY.contains(name) && m.group(2) != null) {
                value = m.group(2);
            } else {
                throw new IllegalStateException(file + " uses ${safework.broker." + name
                        + "}, which the embedded broker has no setting for");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(escape(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    /** What the hub's queues and each agency need from the file and it does not state. */
    static List<String> missing(Configuration config, ReferenceData referenceData) {
        Set<String> queues = new TreeSet<>();
        config.getAddressConfigurations().stream().map(CoreAddressConfiguration::getName).forEach(queues::add);
        Set<String> limited = new TreeSet<>();
        config.getResourceLimitSettings().values().stream().map(ResourceLimitSettings::getMatch)
                .map(Object::toString).forEach(limited::add);
        Set<String> secured = config.getSecurityRoles().keySet();

        List<String> missing = new ArrayList<>();
        List<String> hubQueues = new ArrayList<>(List.of(Queues.REPORTS_IN, Queues.INTAKE, Queues.MTSZN_FEED,
                Queues.GOVERNMENT_OUTBOX, Queues.DLQ, Queues.EXPIRY));
        for (Channel channel : Channel.values()) {
            hubQueues.add(Queues.hubReceiptsOf(channel));
        }
        hubQueues.stream().filter(q -> !queues.contains(q)).forEach(q -> missing.add("the queue " + q));
        for (Agency agency : referenceData.agencies()) {
            String receipts = Queues.receiptsOf(agency.code());
            List<String> its = new ArrayList<>();
            if (!queues.contains(receipts)) {
                its.add("the queue " + receipts);
            }
            for (String match : List.of(receipts, receipts + ".#")) {
                if (!secured.contains(match)) {
                    its.add("a security-setting for " + match);
                }
            }
            if (!limited.contains(agency.login())) {
                its.add("a resource-limit-setting for the login " + agency.login());
            }
            if (!its.isEmpty()) {
                missing.add("agency " + agency.code() + ": " + String.join(", ", its));
            }
        }
        return missing;
    }
}

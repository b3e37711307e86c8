package kz.gov.safework.hub;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.connectors.mail.MailSettings;
import kz.gov.safework.connectors.sftp.SftpSettings;
import kz.gov.safework.connectors.tls.TlsSettings;

/**
 * What {@code hub.production=true} refuses: the demo's published passwords, the embedded mail server, and a
 * password crossing the network in clear. Every violation is collected, each naming the setting and what to
 * change, and the hub stops before anything listens.
 */
final class ProductionCheck {
    /** Secrets kept in configuration rather than the credentials file; none may be a published demo password. */
    static final List<String> SECRETS = List.of(HubSettings.BROKER_PASSWORD, HubSettings.DB_PASSWORD,
            MailSettings.IMAP_PASSWORD_KEY, MailSettings.SMTP_PASSWORD_KEY, TlsSettings.KEYSTORE_PASSWORD,
            HubSettings.SIGNING_KEYSTORE_PASSWORD);

    private ProductionCheck() {
    }

    /** The hub must not start; the message lists every violation with what to change. */
    static final class Refused extends IllegalStateException {
        Refused(String message) {
            super(message);
        }
    }

    /** @throws Refused listing every violation, when there is one */
    static void verify(Function<String, String> settings, Path configDir) {
        List<String> violations = violations(settings, configDir);
        if (!violations.isEmpty()) {
            throw new Refused(message(violations));
        }
    }

    static String message(List<String> violations) {
        StringBuilder out = new StringBuilder("hub.production=true, but the configuration is not fit for production ("
                + violations.size() + " to change):");
        violations.forEach(v -> out.append(System.lineSeparator()).append("  - ").append(v));
        return out.toString();
    }

    static List<String> violations(Function<String, String> settings, Path configDir) {
        List<String> violations = new ArrayList<>();
        credentials(settings, configDir, violations);
        if (bool(settings, MailSettings.EMBEDDED_KEY)) {
            violations.add(MailSettings.EMBEDDED_KEY + "=true: the embedded mail server is for the demo; set "
                    + MailSettings.EMBEDDED_KEY + "=false and hub.mail.imap.enabled=true with hub.mail.imap.* and hub.mail.smtp.* of a real mail server");
        }
        transport(settings, violations);
        signing(settings, violations);
        return violations;
    }

    private static void credentials(Function<String, String> settings, Path configDir, List<String> violations) {
        Path demoFile = configDir.resolve(HubSettings.DEMO_CREDENTIALS);
        Credentials demo = Files.isRegularFile(demoFile) ? Credentials.loadDemo(demoFile) : Credentials.empty();
        if (bool(settings, HubSettings.DEMO)) {
            violations.add(HubSettings.DEMO + "=true: the demo's passwords are published in " + demoFile
                    + "; set " + HubSettings.DEMO + "=false");
        }
        String file = settings.apply(HubSettings.CREDENTIALS_FILE);
        if (file.isBlank()) {
            violations.add(HubSettings.CREDENTIALS_FILE + " is empty: set it to a credentials file and add each login"
                    + " with: java -jar safework-hub.jar credentials set <login>");
        } else {
            Path path = configDir.resolve(file);
            if (!Files.isRegularFile(path)) {
                violations.add(HubSettings.CREDENTIALS_FILE + "=" + file + ": no such file " + path
                        + "; create it with: java -jar safework-hub.jar credentials set <login>");
            } else {
                try {
                    List<String> same = Credentials.load(path).sameAsDemo(demo);
                    if (!same.isEmpty()) {
                        violations.add(HubSettings.CREDENTIALS_FILE + "=" + file + ": the password of " + same
                                + " is the published demo password; rotate each with: java -jar safework-hub.jar"
                                + " credentials set <login>");
                    }
                } catch (IllegalStateException e) {
                    violations.add(HubSettings.CREDENTIALS_FILE + "=" + file + ": " + e.getMessage());
                }
            }
        }
        for (String key : SECRETS) {
            String value = settings.apply(key);
            if (!value.isEmpty() && demo.publishes(value)) {
                violations.add(key + " is a published demo password; set another one");
            }
        }
    }

    /** The hub's answers must be signed with its own key, not the demo key made in the data dir. */
    private static void signing(Function<String, String> settings, List<String> violations) {
        if (settings.apply(HubSettings.SIGNING_KEYSTORE).isEmpty()) {
            violations.add(HubSettings.SIGNING_KEYSTORE + " is not set: receipts would be signed with the DEMO key made"
                    + " in the data dir; set " + HubSettings.SIGNING_KEYSTORE + " (PKCS#12 with the hub's signing key and"
                    + " certificate), " + HubSettings.SIGNING_KEYSTORE_PASSWORD + " and " + HubSettings.SIGNING_ALIAS);
        } else if (HubSigning.DEMO_PASSWORD.equals(settings.apply(HubSettings.SIGNING_KEYSTORE_PASSWORD))) {
            violations.add(HubSettings.SIGNING_KEYSTORE_PASSWORD + " is the published demo password; set another one");
        }
    }

    /**
     * Off loopback, every password must travel in TLS: the plaintext HTTP server and broker acceptor must be on
     * loopback (or off), and HTTPS, the broker's TLS acceptor and a keystore must be configured.
     */
    private static void transport(Function<String, String> settings, List<String> violations) {
        Set<String> exposed = new LinkedHashSet<>();
        for (String key : List.of(HubSettings.BIND_ADDRESS, HubSettings.BROKER_HOST, SftpSettings.HOST_KEY)) {
            String host = settings.apply(key);
            if (!host.isEmpty() && !isLoopback(host)) {
                exposed.add(key + "=" + host);
            }
        }
        boolean embeddedBroker = settings.apply(HubSettings.BROKER_URL).isEmpty();
        String httpHost = settings.apply(HubSettings.HTTP_HOST);
        boolean plainHttpExposed = bool(settings, HubSettings.HTTP_ENABLED)
                && !isLoopback(httpHost.isEmpty() ? "0.0.0.0" : httpHost);
        String brokerHost = settings.apply(HubSettings.BROKER_HOST);
        boolean plainBrokerExposed = embeddedBroker && number(settings, HubSettings.BROKER_PORT) != 0
                && !isLoopback(brokerHost.isEmpty() ? "0.0.0.0" : brokerHost);
        if (plainHttpExposed) {
            exposed.add(HubSettings.HTTP_HOST + "=" + (httpHost.isEmpty() ? "0.0.0.0" : httpHost));
            violations.add(HubSettings.HTTP_HOST + "=" + httpHost + ": plain HTTP (Basic passwords in clear) off loopback;"
                    + " bind " + HubSettings.HTTP_HOST + " to 127.0.0.1 (or " + HubSettings.HTTP_ENABLED
                    + "=false) and serve clients on " + HubSettings.HTTPS_PORT);
        }
        if (plainBrokerExposed) {
            violations.add(HubSettings.BROKER_HOST + "=" + brokerHost + ": the plaintext broker acceptor on "
                    + HubSettings.BROKER_PORT + " is off loopback; set " + HubSettings.BROKER_HOST + "=127.0.0.1 (or "
                    + HubSettings.BROKER_PORT + "=0) and let clients use " + HubSettings.BROKER_TLS_PORT);
        }
        if (exposed.isEmpty()) {
            return;
        }
        String why = " (the hub listens off loopback: " + String.join(", ", exposed) + ")";
        if (number(settings, HubSettings.HTTPS_PORT) <= 0) {
            violations.add(HubSettings.HTTPS_PORT + " is not set: HTTPS is required" + why + "; set "
                    + HubSettings.HTTPS_PORT + "=8443");
        }
        if (embeddedBroker && number(settings, HubSettings.BROKER_TLS_PORT) <= 0) {
            violations.add(HubSettings.BROKER_TLS_PORT + " is not set: the broker needs a TLS acceptor" + why + "; set "
                    + HubSettings.BROKER_TLS_PORT + "=61617");
        }
        if (settings.apply(TlsSettings.KEYSTORE).isEmpty()) {
            violations.add(TlsSettings.KEYSTORE + " is not set: TLS needs the hub's key and certificate" + why + "; set "
                    + TlsSettings.KEYSTORE + " (PKCS#12) and " + TlsSettings.KEYSTORE_PASSWORD);
        }
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean bool(Function<String, String> settings, String key) {
        return Boolean.parseBoolean(settings.apply(key));
    }

    private static long number(Function<String, String> settings, String key) {
        String value = settings.apply(key);
        try {
            return value.isEmpty() ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

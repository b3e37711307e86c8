package kz.gov.safework.connectors.sftp;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import kz.gov.safework.contract.HubDirectories;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The SFTP channel's configuration, read once from the hub's properties (defaults in brackets).
 *
 * @param port            {@code hub.sftp.port} [2222]: drop box port, 0 disables the drop box
 * @param host            {@code hub.sftp.host} [0.0.0.0]: bind address of the drop box
 * @param dataDir         {@code hub.data-dir} [./data]: homes under {@code sftp/}, host key {@code sftp-host-key}
 * @param configDir       {@code hub.config-dir} [config]: remote private keys are relative to it
 * @param authorizedKeys  {@code hub.sftp.authorized-keys-dir} [{config-dir}/sftp-keys]: {@code <login>.pub} files
 * @param maxFileSize     {@code hub.sftp.max-file-size} [10485760]: larger files are refused (DOCUMENT_TOO_LARGE)
 * @param extensions      {@code hub.sftp.extensions} [xml,json]: other extensions are refused (UNSUPPORTED_EXTENSION)
 * @param pollDelay       {@code hub.sftp.poll-delay} [500]: ms between scans of the inboxes
 * @param retryDelay      {@code hub.sftp.retry-delay} [1000]: ms before the first retry of a failed hand-over
 *                        to the intake (doubling, 3 retries; then the file waits for the next scan)
 * @param remotePollDelay {@code hub.sftp-remote.poll-delay} [10000]: ms between polls of an agency's server
 * @param remoteStableFor {@code hub.sftp-remote.stable-interval} [1000]: ms a remote file must keep its size
 * @param remoteTimeout   {@code hub.sftp-remote.timeout} [10000]: ms connect and read timeout
 * @param inboxMaxFiles   {@code hub.sftp.inbox-max-files} [100]: files an agency's {@code inbox/} may hold; no new
 *                        upload opens beyond it
 * @param inboxMaxBytes   {@code hub.sftp.inbox-max-bytes} [104857600]: bytes an agency's {@code inbox/} may hold
 *                        before no new upload opens (one upload in progress may add up to max-file-size)
 * @param maxSessionsPerLogin {@code hub.sftp.max-sessions-per-login} [10]: concurrent sessions of one login
 * @param maxSessions     {@code hub.sftp.max-sessions} [100]: concurrent connections in total, logged in or not
 * @param idleTimeout     {@code hub.sftp.idle-timeout} [300]: seconds without traffic before a session is closed
 *                        (also the time allowed to log in)
 */
public record SftpSettings(
        int port,
        String host,
        Path dataDir,
        Path configDir,
        Path authorizedKeys,
        long maxFileSize,
        List<String> extensions,
        long pollDelay,
        long retryDelay,
        long remotePollDelay,
        long remoteStableFor,
        int remoteTimeout,
        int inboxMaxFiles,
        long inboxMaxBytes,
        int maxSessionsPerLogin,
        int maxSessions,
        long idleTimeout) {
    public static final String PORT_KEY = "hub.sftp.port";
    public static final String HOST_KEY = "hub.sftp.host";

    public SftpSettings {
        dataDir = dataDir.toAbsolutePath().normalize();
        configDir = configDir.toAbsolutePath().normalize();
        authorizedKeys = authorizedKeys.toAbsolutePath().normalize();
        extensions = extensions.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty())
                .map(e -> e.startsWith(".") ? e.substring(1) : e).toList();
    }

    public static SftpSettings from(PropertiesComponent props) {
        Path configDir = Path.of(get(props, HubDirectories.CONFIG_DIR_KEY, "config"));
        return new SftpSettings(
                Integer.parseInt(get(props, PORT_KEY, "2222")),
                get(props, HOST_KEY, "0.0.0.0"),
                Path.of(get(props, HubDirectories.DATA_DIR_KEY, "./data")),
                configDir,
                Path.of(get(props, "hub.sftp.authorized-keys-dir", configDir.resolve("sftp-keys").toString())),
                Long.parseLong(get(props, "hub.sftp.max-file-size", "10485760")),
                Arrays.asList(get(props, "hub.sftp.extensions", "xml,json").split(",")),
                Long.parseLong(get(props, "hub.sftp.poll-delay", "500")),
                Long.parseLong(get(props, "hub.sftp.retry-delay", "1000")),
                Long.parseLong(get(props, "hub.sftp-remote.poll-delay", "10000")),
                Long.parseLong(get(props, "hub.sftp-remote.stable-interval", "1000")),
                Integer.parseInt(get(props, "hub.sftp-remote.timeout", "10000")),
                Integer.parseInt(get(props, "hub.sftp.inbox-max-files", "100")),
                Long.parseLong(get(props, "hub.sftp.inbox-max-bytes", "104857600")),
                Integer.parseInt(get(props, "hub.sftp.max-sessions-per-login", "10")),
                Integer.parseInt(get(props, "hub.sftp.max-sessions", "100")),
                Long.parseLong(get(props, "hub.sftp.idle-timeout", "300")));
    }

    private static String get(PropertiesComponent props, String key, String defaultValue) {
        return props.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty()).orElse(defaultValue);
    }

    public boolean dropBoxEnabled() {
        return port != 0;
    }

    /** Root of the agencies' homes. */
    public Path dropBoxRoot() {
        return dataDir.resolve("sftp");
    }

    /** The drop box's host key, generated on first start and kept, so clients' known_hosts stay valid. */
    public Path hostKey() {
        return dataDir.resolve("sftp-host-key");
    }

    /** Working files of remote polling (downloads in progress, known_hosts files). */
    public Path remoteWorkDir() {
        return dataDir.resolve("sftp-remote");
    }
}

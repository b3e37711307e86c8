package kz.gov.safework.contract.reference;

/**
 * An agency's own SFTP server that the hub polls. {@code privateKey} is a file path (relative to the
 * config directory), {@code knownHosts} one known_hosts line for the server's host key.
 */
public record RemoteSftp(
        String host,
        int port,
        String user,
        String privateKey,
        String knownHosts,
        String inbox,
        String receipts) {
}

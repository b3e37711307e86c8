package kz.gov.safework.connectors.sftp;

import kz.gov.safework.contract.LogText;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;

import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.connectors.identity.LoginResult;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.Principals;
import kz.gov.safework.contract.reference.ReferenceData;

import org.apache.camel.support.service.ServiceSupport;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's SFTP drop box (Apache MINA SSHD): SFTP only (no shell, no exec, no forwarding), one chrooted
 * home per agency. Agencies log in with their login and password ({@link Credentials}) or with a public key
 * listed in {@code <authorized-keys-dir>/<login>.pub} ({@link AuthorizedKeys}, re-read when changed). Operator,
 * MTSZN and government logins have no drop box. The host key is kept across starts ({@link DropBoxHostKey}).
 * Signatures are SHA-2 only: {@code ssh-rsa} (RSA with SHA-1) is not offered.
 */
public final class DropBoxServer extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(DropBoxServer.class);

    private final SftpSettings settings;
    private final DropBox dropBox;
    private final UploadTracker tracker;
    private final ReferenceData referenceData;
    private final Principals principals;
    static final String CHANNEL = "sftp";
    private final Credentials credentials;
    private final AuthorizedKeys authorizedKeys;
    private SshServer sshd;

    public DropBoxServer(SftpSettings settings, DropBox dropBox, UploadTracker tracker, ReferenceData referenceData,
            Credentials credentials, AuthorizedKeys authorizedKeys) {
        this.settings = settings;
        this.dropBox = dropBox;
        this.tracker = tracker;
        this.referenceData = referenceData;
        this.principals = new Principals(referenceData);
        this.credentials = credentials;
        this.authorizedKeys = authorizedKeys;
    }

    /** The port actually bound (useful when configured as an ephemeral port in tests). */
    public int port() {
        return sshd.getPort();
    }

    @Override
    protected void doStart() throws Exception {
        for (Agency agency : referenceData.agencies()) {
            dropBox.createHome(agency.login());
        }
        AuthorizedKeys.Snapshot keys = authorizedKeys.current();
        KeyPair hostKey = DropBoxHostKey.loadOrCreate(settings.hostKey());

        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(tracker);
        sftp.setFileSystemAccessor(new HomeBoundAccessor(settings.maxFileSize()));

        sshd = SshServer.setUpDefaultServer();
        sshd.setHost(settings.host());
        sshd.setPort(settings.port());
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setSignatureFactories(sshd.getSignatureFactories().stream()
                .filter(f -> !KeyPairProvider.SSH_RSA.equals(f.getName())
                        && !KeyPairProvider.SSH_RSA_CERT.equals(f.getName()))
                .toList());
        sshd.setPasswordAuthenticator(this::passwordOk);
        sshd.setPublickeyAuthenticator(this::keyOk);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        sshd.setShellFactory(null);
        sshd.setCommandFactory(null);
        sshd.setSubsystemFactories(List.of(sftp));
        sshd.setFileSystemFactory(new HomeFileSystemFactory());
        CoreModuleProperties.MAX_CONCURRENT_SESSIONS.set(sshd, settings.maxSessionsPerLogin());
        CoreModuleProperties.IDLE_TIMEOUT.set(sshd, Duration.ofSeconds(settings.idleTimeout()));
        // Without it an upload crawled at about 1.4 MB/s on the loopback (Nagle's algorithm holding the server's small
        // SFTP write acknowledgements back against the client's delayed ACKs); curl to OpenSSH on the same machine
        // moves 60 MB/s. With it, 5 MB from curl: 3.4 s before, 0.44 s after.
        CoreModuleProperties.TCP_NODELAY.set(sshd, true);
        sshd.addSessionListener(new SessionLimit(settings.maxSessions()));
        sshd.start();
        LOG.info("SFTP drop box listening on {}:{}, host key {} {}, homes under {}, {} agencies, {} with public keys",
                settings.host(), sshd.getPort(), KeyUtils.getKeyType(hostKey), KeyUtils.getFingerPrint(hostKey.getPublic()),
                dropBox.root(), referenceData.agencies().size(), keys.keys().size());
    }

    @Override
    protected void doStop() throws Exception {
        if (sshd != null) {
            sshd.stop(true);
            sshd = null;
        }
    }

    private boolean hasDropBox(String login) {
        return DropBox.isValidLogin(login) && principals.of(login).has(Principals.Role.AGENCY);
    }

    private boolean passwordOk(String username, String password, ServerSession session) {
        String login = DropBox.normalizeLogin(username);
        // Checked whether or not the login has a drop box: a refusal costs the same, and counts, either way.
        LoginResult result = credentials.login(CHANNEL, login, password);
        boolean ok = result.accepted() && hasDropBox(login);
        if (!ok) {
            LOG.info("SFTP password login refused{} for {} from {}", result.locked() ? " (locked)" : "",
                    LogText.quote(login), session.getClientAddress());
        }
        return ok;
    }

    private boolean keyOk(String username, PublicKey key, ServerSession session) {
        String login = DropBox.normalizeLogin(username);
        if (!hasDropBox(login) || credentials.lockedFor(login).isPresent()) {
            return false;
        }
        AuthorizedKeys.Snapshot keys = authorizedKeys.current();
        boolean ok = keys.keysOf(login).stream().anyMatch(k -> KeyUtils.compareKeys(k, key));
        if (!ok && !keys.problemsOf(login).isEmpty()) {
            LOG.info("SFTP key login refused for {} from {}: its key file is refused (health check {})",
                    LogText.quote(login), session.getClientAddress(), SftpKeysHealthCheck.ID);
        } else if (!ok) {
            LOG.debug("SFTP key {} not accepted for {}", KeyUtils.getFingerPrint(key), LogText.quote(login));
        }
        return ok;
    }

    /** Chroots every session into the home of its (lower-cased) login. */
    private final class HomeFileSystemFactory extends VirtualFileSystemFactory {
        @Override
        public Path getUserHomeDir(SessionContext session) throws IOException {
            String login = DropBox.normalizeLogin(session.getUsername());
            if (!hasDropBox(login)) {
                throw new IOException("no drop box for " + login);
            }
            Path home = dropBox.home(login);
            dropBox.createHome(login);
            return home;
        }
    }
}

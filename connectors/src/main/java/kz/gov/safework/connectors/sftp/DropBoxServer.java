package kz.gov.safework.connectors.sftp;

import kz.gov.safework.contract.LogText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.ReferenceData;

import org.apache.camel.support.service.ServiceSupport;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's SFTP drop box (Apache MINA SSHD): SFTP only (no shell, no exec, no forwarding), one chrooted
 * home per agency. Agencies log in with their login and password ({@link Credentials}) or with a public key
 * listed in {@code <authorized-keys-dir>/<login>.pub} (authorized_keys format). Operator, MTSZN and
 * government logins have no drop box. The host key is generated on first start and reused afterwards.
 */
public final class DropBoxServer extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(DropBoxServer.class);

    private final SftpSettings settings;
    private final DropBox dropBox;
    private final UploadTracker tracker;
    private final ReferenceData referenceData;
    private final Credentials credentials;
    private SshServer sshd;
    private Map<String, List<PublicKey>> authorizedKeys = Map.of();

    public DropBoxServer(SftpSettings settings, DropBox dropBox, UploadTracker tracker, ReferenceData referenceData,
            Credentials credentials) {
        this.settings = settings;
        this.dropBox = dropBox;
        this.tracker = tracker;
        this.referenceData = referenceData;
        this.credentials = credentials;
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
        authorizedKeys = loadAuthorizedKeys();

        SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(settings.hostKey());
        hostKey.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKey.setKeySize(256);
        hostKey.loadKeys(null); // generates the key on first start
        keepPrivate(settings.hostKey());

        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(tracker);
        sftp.setFileSystemAccessor(new HomeBoundAccessor());

        sshd = SshServer.setUpDefaultServer();
        sshd.setHost(settings.host());
        sshd.setPort(settings.port());
        sshd.setKeyPairProvider(hostKey);
        sshd.setPasswordAuthenticator(this::passwordOk);
        sshd.setPublickeyAuthenticator(this::keyOk);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        sshd.setShellFactory(null);
        sshd.setCommandFactory(null);
        sshd.setSubsystemFactories(List.of(sftp));
        sshd.setFileSystemFactory(new HomeFileSystemFactory());
        sshd.start();
        LOG.info("SFTP drop box listening on {}:{}, homes under {}, {} agencies, {} with public keys",
                settings.host(), sshd.getPort(), dropBox.root(), referenceData.agencies().size(), authorizedKeys.size());
    }

    @Override
    protected void doStop() throws Exception {
        if (sshd != null) {
            sshd.stop(true);
            sshd = null;
        }
    }

    private static void keepPrivate(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
    }

    private boolean hasDropBox(String login) {
        return DropBox.isValidLogin(login) && referenceData.agencyByLogin(login).isPresent();
    }

    private boolean passwordOk(String username, String password, ServerSession session) {
        String login = DropBox.normalizeLogin(username);
        boolean ok = hasDropBox(login) && credentials.check(login, password);
        if (!ok) {
            LOG.info("SFTP password login refused for '{}' from {}", LogText.of(login), session.getClientAddress());
        }
        return ok;
    }

    private boolean keyOk(String username, PublicKey key, ServerSession session) {
        String login = DropBox.normalizeLogin(username);
        boolean ok = hasDropBox(login)
                && authorizedKeys.getOrDefault(login, List.of()).stream().anyMatch(k -> KeyUtils.compareKeys(k, key));
        if (!ok) {
            LOG.debug("SFTP key {} not accepted for '{}'", KeyUtils.getFingerPrint(key), LogText.of(login));
        }
        return ok;
    }

    private Map<String, List<PublicKey>> loadAuthorizedKeys() throws IOException {
        Map<String, List<PublicKey>> keys = new HashMap<>();
        Path dir = settings.authorizedKeys();
        for (Agency agency : referenceData.agencies()) {
            Path file = dir.resolve(agency.login() + ".pub");
            if (Files.isRegularFile(file)) {
                try {
                    List<AuthorizedKeyEntry> entries = AuthorizedKeyEntry.readAuthorizedKeys(file);
                    keys.put(agency.login(), PublicKeyEntry.resolvePublicKeyEntries(null, entries,
                            PublicKeyEntryResolver.FAILING));
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot read SFTP public keys of " + agency.code() + " from "
                            + file + ": " + e.getMessage(), e);
                }
            }
        }
        return keys;
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

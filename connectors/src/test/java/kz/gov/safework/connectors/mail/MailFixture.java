package kz.gov.safework.connectors.mail;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.AgencyKind;
import kz.gov.safework.contract.reference.ReferenceData;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A hub mail channel on a test bench: GreenMail (SMTP + IMAP, dynamic ports) holding the hub's mailbox and the
 * agencies' mailboxes, an H2 database with the mail migration, and a fake pipeline on {@code direct:intake}
 * that records each envelope and answers it with a receipt on the mail receipts endpoint (REJECTED for an
 * adapter error or a file named bad*, ACCEPTED otherwise), so the reply path runs end to end.
 */
final class MailFixture implements AutoCloseable {
    static final String HUB = "reports@hub.local";
    /** Stands in for the hub's key: names the SHA-256 of exactly the bytes it was given. */
    static final kz.gov.safework.contract.signature.HubSigner SIGNER = payload -> {
        try {
            return "sha256:" + java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    };
    static final String HUB_LOGIN = "hub";
    static final String HUB_PASSWORD = "hub-secret";
    static final String MZ = "mz@agency.hub.local";
    static final String ASTANA = "akimat-astana@agency.hub.local";
    /** The authserv-id of the receiving mail server this fixture plays when it delivers a mail to the hub. */
    static final String TRUSTED_AUTHSERV_ID = "mx.hub.test";
    static final int MAX_ENTRIES = 25;
    static final long MAX_MAIL_BYTES = 65_536;
    private static final AtomicLong DATABASES = new AtomicLong();

    static final ReferenceData REFERENCE = new ReferenceData(List.of(
            new Agency("MZ", AgencyKind.MINISTRY, "Министерство здравоохранения", null, "Ministry of Health",
                    List.of(), List.of(MZ), null),
            new Agency("AKIMAT-ASTANA", AgencyKind.AKIMAT, "Акимат города Астаны", null, "Akimat of Astana",
                    List.of(), List.of(ASTANA), null)),
            List.of(), List.of());

    final GreenMail greenMail;
    final DataSource dataSource;
    final CamelContext camel;
    final MailBeans beans;
    final FakePipeline pipeline = new FakePipeline();
    private final GreenMailUser hubUser;

    MailFixture(Properties overrides, DataSource database) throws Exception {
        this(overrides, database, context -> { });
    }

    /** {@code beforeStart} may bind further beans or run {@link MailConfiguration} on the context. */
    MailFixture(Properties overrides, DataSource database, ThrowingConsumer<CamelContext> beforeStart) throws Exception {
        this(overrides, database, (context, beans) -> beforeStart.accept(context));
    }

    /** {@code beforeStart} also gets the channel's shared objects (for {@link MailConfiguration}). */
    MailFixture(Properties overrides, DataSource database, Wiring beforeStart) throws Exception {
        greenMail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)}));
        greenMail.start();
        hubUser = greenMail.setUser(HUB, HUB_LOGIN, HUB_PASSWORD);
        greenMail.setUser(MZ, "mz", "mz-secret");
        greenMail.setUser(ASTANA, "akimat-astana", "astana-secret");

        dataSource = database == null ? newDatabase() : database;

        Properties props = new Properties();
        props.setProperty("hub.mail.imap.enabled", "true");
        props.setProperty("hub.mail.imap.host", "127.0.0.1");
        props.setProperty("hub.mail.imap.port", Integer.toString(greenMail.getImap().getPort()));
        props.setProperty("hub.mail.imap.user", HUB_LOGIN);
        props.setProperty("hub.mail.imap.password", HUB_PASSWORD);
        props.setProperty("hub.mail.imap.tls", "false");
        props.setProperty("hub.mail.imap.poll-delay", "100");
        props.setProperty("hub.mail.smtp.host", "127.0.0.1");
        props.setProperty("hub.mail.smtp.port", Integer.toString(greenMail.getSmtp().getPort()));
        props.setProperty("hub.mail.smtp.tls", "false");
        props.setProperty("hub.mail.from", HUB);
        props.setProperty("hub.mail.trusted-authserv-id", TRUSTED_AUTHSERV_ID);
        props.setProperty("hub.mail.max-entries", Integer.toString(MAX_ENTRIES));
        props.setProperty("hub.mail.max-mail-bytes", Long.toString(MAX_MAIL_BYTES));
        props.setProperty("hub.intake.uri", "direct:intake");
        props.setProperty("hub.receipts.mail.uri", "seda:receipts-mail");
        props.putAll(overrides);

        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(props);
        beans = new MailBeans(REFERENCE, dataSource, Clock.systemUTC(), MailBeans.imapPoll(Clock.systemUTC()), SIGNER);
        camel.addRoutes(new MailIntakeRoutes(beans));
        camel.addRoutes(new MailReceiptRoutes(beans));
        camel.addRoutes(pipeline);
        beforeStart.accept(camel, beans);
        camel.start();
    }

    interface Wiring {
        void accept(CamelContext context, MailBeans beans) throws Exception;
    }

    interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }

    MailFixture() throws Exception {
        this(new Properties(), null);
    }

    /** An empty H2 database with the connectors' migrations (mail, SFTP) applied. */
    static DataSource newDatabase() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:mail" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        org.flywaydb.core.Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        return h2;
    }

    List<FakePipeline.Envelope> envelopes() {
        return pipeline.envelopes;
    }

    /**
     * Puts a mail straight into the hub's INBOX, as if the trusted mail server had received it and found its
     * sender's domain DKIM-signed ({@code Authentication-Results: mx.hub.test; dkim=pass header.d=<From's domain>}).
     */
    void deliverToHub(MimeMessage mail) throws MessagingException {
        Address[] from = mail.getFrom();
        if (from != null && from.length == 1 && from[0] instanceof InternetAddress address
                && address.getAddress() != null && address.getAddress().contains("@")) {
            String domain = address.getAddress().substring(address.getAddress().lastIndexOf('@') + 1);
            mail.addHeader(AuthenticationResults.HEADER, TRUSTED_AUTHSERV_ID + "; dkim=pass header.d=" + domain);
        }
        hubUser.deliver(mail);
    }

    /** Puts a mail into the hub's INBOX exactly as it is: no word from the trusted mail server about its sender. */
    void deliverAsIs(MimeMessage mail) {
        hubUser.deliver(mail);
    }

    void deliverToHub(String rawMail) throws Exception {
        deliverToHub(parse(rawMail.getBytes(StandardCharsets.UTF_8)));
    }

    static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    List<MimeMessage> inbox(String address) throws FolderException {
        return messages(greenMail.getManagers().getImapHostManager().getInbox(user(address)));
    }

    List<MimeMessage> inboxQuietly(String address) {
        try {
            return inbox(address);
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    List<MimeMessage> hubFolder(String name) {
        MailFolder folder = greenMail.getManagers().getImapHostManager().getFolder(hubUser, name);
        return folder == null ? List.of() : messages(folder);
    }

    private GreenMailUser user(String address) {
        return greenMail.getUserManager().getUserByEmail(address);
    }

    private static List<MimeMessage> messages(MailFolder folder) {
        return folder.getMessages().stream().map(StoredMessage::getMimeMessage).toList();
    }

    void reset() throws FolderException, SQLException {
        greenMail.purgeEmailFromAllMailboxes();
        pipeline.reset();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM mail_outbox");
            s.execute("DELETE FROM mail_receipt");
            s.execute("DELETE FROM mail_inbound");
        }
    }

    @Override
    public void close() {
        camel.stop();
        greenMail.stop();
    }
}

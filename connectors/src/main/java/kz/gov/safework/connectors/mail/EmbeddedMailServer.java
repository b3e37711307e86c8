package kz.gov.safework.connectors.mail;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.smtp.auth.AuthenticationState;
import com.icegreen.greenmail.smtp.auth.LoginAuthenticationState;
import com.icegreen.greenmail.smtp.auth.PlainAuthenticationState;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.ReferenceData;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo mail server ({@code hub.mail.embedded=true}): GreenMail on loopback with SMTP and IMAP, the
 * hub's mailbox {@value MailSettings#EMBEDDED_HUB_ADDRESS}, and one mailbox per agency address. An agency's
 * first address logs in with the agency login (its code in lower case), further addresses with the address
 * itself; all with the agency's password, checked by {@link Credentials} (hashed, throttled). Mail to an address
 * without a mailbox is refused, so the demo server does not grow mailboxes for whatever a sender invents. Each mail
 * received is stamped with an {@code Authentication-Results} header naming the SMTP login it was sent with, which is
 * how the hub knows a mail from an agency's address really comes from that agency (see {@link SenderAuthentication}).
 */
public final class EmbeddedMailServer extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMailServer.class);

    private final MailSettings settings;
    private GreenMail greenMail;

    private final ReferenceData referenceData;
    private final Credentials hubCredentials;

    /** {@code credentials} null: the demo credentials file of {@code hub.mail.embedded.credentials-file}. */
    public EmbeddedMailServer(MailSettings settings, ReferenceData referenceData,
                              Credentials credentials) {
        this.referenceData = referenceData;
        this.hubCredentials = credentials;
        this.settings = settings;
    }

    @Override
    protected void doStart() {
        MailSettings.Embedded embedded = settings.embedded();
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(embedded.smtpPort(), MailSettings.EMBEDDED_BIND, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(embedded.imapPort(), MailSettings.EMBEDDED_BIND, ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        UserManager users = greenMail.getUserManager();
        // GreenMail's default, said out loud: without it any password opens any mailbox, and unknown logins get one.
        users.setAuthRequired(true);
        users.setMessageDeliveryHandler((message, address) -> {
            GreenMailUser user = users.getUserByEmail(address.getEmail().toLowerCase(Locale.ROOT));
            if (user == null) {
                throw new UserException("No mailbox " + address.getEmail() + " on the hub's demo mail server");
            }
            stampAuthenticationResults(message, users);
            return user;
        });
        greenMail.setUser(MailSettings.EMBEDDED_HUB_ADDRESS, MailSettings.EMBEDDED_HUB_ADDRESS, embedded.hubPassword());
        Credentials credentials = credentials();
        int mailboxes = 1;
        Map<String, String> credentialLogins = new HashMap<>();
        for (Agency agency : referenceData.agencies()) {
            if (!credentials.logins().contains(agency.login())) {
                if (!agency.emails().isEmpty()) {
                    LOG.warn("Agency {} has no credentials: no mailbox for {}", agency.code(), agency.emails());
                }
                continue;
            }
            boolean first = true;
            for (String email : agency.emails()) {
                String address = email.trim().toLowerCase(Locale.ROOT);
                // GreenMail's own password is a random one nobody knows; logins are checked by CredentialsMailUser.
                String mailLogin = first ? agency.login() : address;
                greenMail.setUser(address, mailLogin, CredentialsMailUser.unusablePassword());
                credentialLogins.put(mailLogin, agency.login());
                first = false;
                mailboxes++;
            }
        }
        CredentialsMailUser.guard(users, credentials, credentialLogins);
        LOG.info("Embedded mail server: SMTP 127.0.0.1:{}, IMAP 127.0.0.1:{}, {} mailboxes (hub: {})",
                embedded.smtpPort(), embedded.imapPort(), mailboxes, MailSettings.EMBEDDED_HUB_ADDRESS);
    }

    /**
     * Acts as the receiving mail server of RFC 8601: removes every {@code Authentication-Results} header the
     * client wrote in this server's name ({@value MailSettings#EMBEDDED_AUTHSERV_ID}), then writes its own, saying
     * which login the mail was submitted with ({@code auth=pass smtp.auth=<login>}) or that it was not
     * ({@code auth=none}). GreenMail records the credentials an AUTH command offered even when they were refused,
     * so the password is checked again here. Called once per recipient of the same message: idempotent.
     */
    static void stampAuthenticationResults(MovingMessage message, UserManager users) throws MessagingException {
        MimeMessage mime = message.getMessage();
        String[] present = mime.getHeader(AuthenticationResults.HEADER);
        if (present != null) {
            mime.removeHeader(AuthenticationResults.HEADER);
            for (String header : present) {
                boolean ours = AuthenticationResults.parse(header)
                        .map(r -> r.authservId().equals(MailSettings.EMBEDDED_AUTHSERV_ID))
                        // unparseable: it could be meant as ours, and the hub ignores what it cannot parse anyway
                        .orElse(true);
                if (!ours) {
                    mime.addHeader(AuthenticationResults.HEADER, header);
                }
            }
        }
        String login = authenticatedLogin(message.getAuthenticationState(), users);
        mime.addHeader(AuthenticationResults.HEADER, MailSettings.EMBEDDED_AUTHSERV_ID + "; "
                + (login == null ? "auth=none" : "auth=pass smtp.auth=" + login));
    }

    /** The login of a successful SMTP AUTH (PLAIN or LOGIN), or null. */
    private static String authenticatedLogin(AuthenticationState state, UserManager users) {
        String login;
        String password;
        if (state instanceof PlainAuthenticationState plain) {
            String authorizationId = plain.getAuthorizationId();
            if (authorizationId != null && !authorizationId.isEmpty()
                    && !authorizationId.equals(plain.getAuthenticationId())) {
                return null; // acting for someone else: not offered by this server
            }
            login = plain.getAuthenticationId();
            password = plain.getPassword();
        } else if (state instanceof LoginAuthenticationState loginState) {
            login = loginState.getUsername();
            password = loginState.getPassword();
        } else {
            return null;
        }
        if (login == null || password == null || !login.matches("[A-Za-z0-9._@+-]{1,254}")
                || !users.test(login, password)) {
            return null;
        }
        return login.toLowerCase(Locale.ROOT);
    }

    /** The hub's credentials when the application passed them, else the demo credentials file. */
    private Credentials credentials() {
        if (hubCredentials != null) {
            return hubCredentials;
        }
        Path file = Path.of(settings.embedded().credentialsFile());
        if (!Files.isRegularFile(file)) {
            LOG.warn("No credentials and no file {}: agency mailboxes are not created", file.toAbsolutePath());
            return Credentials.empty();
        }
        return Credentials.loadDemo(file);
    }

    @Override
    protected void doStop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }
}

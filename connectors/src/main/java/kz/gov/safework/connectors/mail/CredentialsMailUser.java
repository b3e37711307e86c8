package kz.gov.safework.connectors.mail;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import jakarta.mail.internet.MimeMessage;
import java.lang.reflect.Field;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import kz.gov.safework.connectors.identity.Credentials;

/**
 * An agency's mailbox on the embedded mail server whose password is checked by the hub's {@link Credentials}
 * (hashed, throttled with every other channel), not by GreenMail's plain-text compare. GreenMail checks IMAP
 * LOGIN and SMTP AUTH through {@link GreenMailUser#authenticate}, and its user manager makes the users
 * itself, so the users it made are swapped for these in its two private maps.
 */
record CredentialsMailUser(GreenMailUser mailbox, String credentialLogin, Credentials credentials)
        implements GreenMailUser {
    static final String CHANNEL = "mail";

    /** A password for GreenMail's own record that nobody knows (it is never checked). */
    static String unusablePassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /**
     * Puts every mailbox whose login is a key of {@code credentialLogins} under {@code credentials}.
     * @param credentialLogins GreenMail login to the hub login whose password opens it
     */
    static void guard(UserManager users, Credentials credentials, Map<String, String> credentialLogins) {
        for (String mapName : new String[] {"loginToUser", "emailToUser"}) {
            Map<String, GreenMailUser> map = userMap(users, mapName);
            map.replaceAll((key, user) -> {
                String login = credentialLogins.get(user.getLogin());
                return login == null || user instanceof CredentialsMailUser ? user
                        : new CredentialsMailUser(user, login, credentials);
            });
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, GreenMailUser> userMap(UserManager users, String name) {
        try {
            Field field = UserManager.class.getDeclaredField(name);
            field.setAccessible(true);
            return (Map<String, GreenMailUser>) field.get(users);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("GreenMail's UserManager has no map '" + name
                    + "' any more: mailbox logins cannot be checked against the hub's credentials", e);
        }
    }

    @Override
    public void authenticate(String password) throws UserException {
        if (!credentials.login(CHANNEL, credentialLogin, password).accepted()) {
            throw new UserException("Invalid login or password");
        }
    }

    @Override
    public String getEmail() {
        return mailbox.getEmail();
    }

    @Override
    public String getLogin() {
        return mailbox.getLogin();
    }

    @Override
    public void deliver(MovingMessage msg) {
        mailbox.deliver(msg);
    }

    @Override
    public void deliver(MimeMessage msg) {
        mailbox.deliver(msg);
    }

    @Override
    public void create() {
        mailbox.create();
    }

    @Override
    public void delete() {
        mailbox.delete();
    }

    @Override
    public String getPassword() {
        return mailbox.getPassword();
    }

    @Override
    public void setPassword(String password) {
        mailbox.setPassword(password);
    }

    @Override
    public String getQualifiedMailboxName() {
        return mailbox.getQualifiedMailboxName();
    }

    // Equal to and hashed like the mailbox it guards, not by its components: GreenMail still finds its own user.
    @Override
    public boolean equals(Object o) {
        return o instanceof CredentialsMailUser other ? mailbox.equals(other.mailbox) : mailbox.equals(o);
    }

    @Override
    public int hashCode() {
        return mailbox.hashCode();
    }

    @Override
    public String toString() {
        return mailbox.toString();
    }
}

package kz.gov.safework.connectors.jms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.security.auth.Subject;
import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.connectors.identity.LoginResult;
import kz.gov.safework.connectors.tls.CertificateLogin;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.apache.activemq.artemis.utils.CertificateUtil;

/**
 * Authenticates broker connections against the hub's {@link Credentials} (hashed, throttled: the same
 * check as HTTP, SFTP and mail) and authorizes by the roles each login was given. The subject names the
 * validated user, so the broker stamps it on every message ({@code _AMQ_VALIDATED_USER},
 * populate-validated-user): the identity of the channel is what the hub trusts, never a property the
 * sender set. Authorization needs no password, so a hashed password is checked once per connection.
 *
 * <p>Mutual TLS: a caller that gives no password on a TLS connection whose client certificate the
 * handshake verified is the login named by the certificate's CN ({@link CertificateLogin}), if that login
 * is one of {@code certificateLogins}.
 */
final class HubSecurityManager implements ActiveMQSecurityManager5 {
    static final String CHANNEL = "broker";

    private final String hubUser;
    private final byte[] hubPassword;
    private final Credentials credentials;
    private final Map<String, Set<String>> rolesByLogin;
    private final Set<String> certificateLogins;

    /**
     * @param rolesByLogin lower-cased login to role names; the hub's own user gets {@link BrokerRole#HUB}
     * @param certificateLogins logins that may authenticate with a client certificate (empty: none)
     */
    HubSecurityManager(String hubUser, String hubPassword, Credentials credentials,
            Map<String, Set<String>> rolesByLogin, Set<String> certificateLogins) {
        this.hubUser = hubUser;
        this.hubPassword = hubPassword.getBytes(StandardCharsets.UTF_8);
        this.credentials = credentials;
        this.rolesByLogin = Map.copyOf(rolesByLogin);
        this.certificateLogins = Set.copyOf(certificateLogins);
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        String certified = certificateLogin(user, password, connection);
        if (certified != null) {
            return subject(certified, rolesByLogin.getOrDefault(certified, Set.of()));
        }
        if (user == null || password == null) {
            return null;
        }
        if (user.equals(hubUser)) {
            return MessageDigest.isEqual(hubPassword, password.getBytes(StandardCharsets.UTF_8))
                    ? subject(hubUser, Set.of(BrokerRole.HUB.roleName())) : null;
        }
        LoginResult result = credentials.login(CHANNEL, user, password);
        if (!result.accepted()) {
            return null;
        }
        String login = user.trim().toLowerCase(Locale.ROOT);
        return subject(login, rolesByLogin.getOrDefault(login, Set.of()));
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (subject == null) {
            return false;
        }
        for (Role role : roles) {
            if (checkType.hasRole(role) && subject.getPrincipals().contains(new RolePrincipal(role.getName()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean validateUser(String user, String password) {
        return authenticate(user, password, null, null) != null;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return authorize(authenticate(user, password, null, null), roles, checkType, null);
    }

    private static Subject subject(String login, Set<String> roles) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(login));
        for (String role : roles) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        return subject;
    }

    /** The login of a password-less caller with a verified client certificate, else null. */
    private String certificateLogin(String user, String password, RemotingConnection connection) {
        if (certificateLogins.isEmpty() || connection == null || (password != null && !password.isEmpty())) {
            return null;
        }
        X509Certificate[] chain = CertificateUtil.getCertsFromConnection(connection);
        String login = CertificateLogin.of(chain).filter(certificateLogins::contains).orElse(null);
        if (login == null) {
            return null;
        }
        // A client may name itself (AMQP EXTERNAL names the subject DN), but not as someone else.
        boolean named = user != null && !user.isEmpty();
        if (named && !user.equals(login) && !user.equals(chain[0].getSubjectX500Principal().getName())) {
            return null;
        }
        return login;
    }
}

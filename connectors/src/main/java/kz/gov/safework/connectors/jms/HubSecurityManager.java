package kz.gov.safework.connectors.jms;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import kz.gov.safework.connectors.tls.CertificateLogin;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager4;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManagerImpl;
import org.apache.activemq.artemis.utils.CertificateUtil;

/**
 * Users and roles in memory, returning the validated user name so the broker stamps it on every
 * message ({@code _AMQ_VALIDATED_USER}, populate-validated-user): the identity of the channel is what
 * the hub trusts, never a property the sender set. The plain implementation validates without
 * naming the user, and then nothing is stamped.
 *
 * <p>Mutual TLS: a caller that gives no password on a TLS connection whose client certificate the
 * handshake verified is the login named by the certificate's CN ({@link CertificateLogin}), if that login
 * is one of {@code certificateLogins}.
 */
final class HubSecurityManager extends ActiveMQSecurityManagerImpl implements ActiveMQSecurityManager4 {
    private final Set<String> certificateLogins;

    /** @param certificateLogins logins that may authenticate with a client certificate (empty: none) */
    HubSecurityManager(Set<String> certificateLogins) {
        this.certificateLogins = Set.copyOf(certificateLogins);
    }

    @Override
    public String validateUser(String user, String password, RemotingConnection connection, String securityDomain) {
        String certified = certificateLogin(user, password, connection);
        if (certified != null) {
            return certified;
        }
        return validateUser(user, password) ? user : null;
    }

    @Override
    public String validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType,
            String address, RemotingConnection connection, String securityDomain) {
        String certified = certificateLogin(user, password, connection);
        if (certified != null) {
            return hasRole(certified, roles, checkType) ? certified : null;
        }
        return validateUserAndRole(user, password, roles, checkType) ? user : null;
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

    private boolean hasRole(String login, Set<Role> roles, CheckType checkType) {
        List<String> granted = getConfiguration().getRole(login);
        if (granted == null || roles == null) {
            return false;
        }
        for (Role role : roles) {
            if (checkType.hasRole(role) && granted.contains(role.getName())) {
                return true;
            }
        }
        return false;
    }
}

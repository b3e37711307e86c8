package kz.gov.safework.connectors.jms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.security.auth.Subject;
import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.connectors.identity.LoginResult;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * Authenticates broker connections against the hub's {@link Credentials} (hashed, throttled: the same
 * check as HTTP, SFTP and mail) and authorizes by the roles each login was given. The subject names the
 * validated user, so the broker stamps it on every message ({@code _AMQ_VALIDATED_USER},
 * populate-validated-user): the identity of the channel is what the hub trusts, never a property the
 * sender set. Authorization needs no password, so a hashed password is checked once per connection.
 */
final class HubSecurityManager implements ActiveMQSecurityManager5 {
    static final String CHANNEL = "broker";

    private final String hubUser;
    private final byte[] hubPassword;
    private final Credentials credentials;
    private final Map<String, Set<String>> rolesByLogin;

    /** @param rolesByLogin lower-cased login to role names; the hub's own user gets {@link BrokerRoles#HUB} */
    HubSecurityManager(String hubUser, String hubPassword, Credentials credentials,
            Map<String, Set<String>> rolesByLogin) {
        this.hubUser = hubUser;
        this.hubPassword = hubPassword.getBytes(StandardCharsets.UTF_8);
        this.credentials = credentials;
        this.rolesByLogin = Map.copyOf(rolesByLogin);
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        if (user == null || password == null) {
            return null;
        }
        if (user.equals(hubUser)) {
            return MessageDigest.isEqual(hubPassword, password.getBytes(StandardCharsets.UTF_8))
                    ? subject(hubUser, Set.of(BrokerRoles.HUB)) : null;
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
}

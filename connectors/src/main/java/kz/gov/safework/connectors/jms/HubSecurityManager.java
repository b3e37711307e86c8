package kz.gov.safework.connectors.jms;

import java.util.Set;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager4;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManagerImpl;

/**
 * Users and roles in memory, returning the validated user name so the broker stamps it on every
 * message ({@code _AMQ_VALIDATED_USER}, populate-validated-user): the identity of the channel is what
 * the hub trusts, never a property the sender set. The plain implementation validates without
 * naming the user, and then nothing is stamped.
 */
final class HubSecurityManager extends ActiveMQSecurityManagerImpl implements ActiveMQSecurityManager4 {

    @Override
    public String validateUser(String user, String password, RemotingConnection connection, String securityDomain) {
        return validateUser(user, password) ? user : null;
    }

    @Override
    public String validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType,
            String address, RemotingConnection connection, String securityDomain) {
        return validateUserAndRole(user, password, roles, checkType) ? user : null;
    }
}

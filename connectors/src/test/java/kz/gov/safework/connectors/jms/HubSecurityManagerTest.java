package kz.gov.safework.connectors.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.security.auth.Subject;
import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.connectors.identity.LoginThrottle;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.junit.jupiter.api.Test;

class HubSecurityManagerTest {
    private static final Role SEND_REPORTS = new Role(BrokerRole.AGENCY.roleName(), true, false, false, false, false, false,
            false, false, false, false, false, false);
    private static final Role CONSUME_MZ = new Role(BrokerRole.agency("MZ"), false, true, false, false, false, false,
            false, false, false, false, false, false);

    private final HubSecurityManager security = new HubSecurityManager("hub", "hub-secret", credentials(),
            Map.of("mz", Set.of(BrokerRole.AGENCY.roleName(), BrokerRole.agency("MZ")), "me", Set.of(BrokerRole.AGENCY.roleName())),
            Set.of());

    private static Credentials credentials() {
        Properties p = new Properties();
        p.setProperty("mz", "mz-secret");
        p.setProperty("me", "me-secret");
        return Credentials.of(p).throttledBy(new LoginThrottle(Clock.systemUTC(), 2, Duration.ofMinutes(5),
                (channel, login, until) -> { }));
    }

    @Test
    void authenticatesThroughCredentialsAndNamesTheLowerCasedLogin() {
        Subject mz = security.authenticate("MZ", "mz-secret", null, null);
        assertThat(mz.getPrincipals(UserPrincipal.class)).extracting(UserPrincipal::getName).containsExactly("mz");
        assertThat(security.authenticate("mz", "me-secret", null, null)).isNull();
        assertThat(security.authenticate("nobody", "mz-secret", null, null)).isNull();
        assertThat(security.authenticate("mz", null, null, null)).isNull();
    }

    @Test
    void authorizesByTheRolesOfTheLogin() {
        Subject mz = security.authenticate("mz", "mz-secret", null, null);
        Subject me = security.authenticate("me", "me-secret", null, null);
        assertThat(security.authorize(mz, Set.of(SEND_REPORTS), CheckType.SEND, "reports.in")).isTrue();
        assertThat(security.authorize(mz, Set.of(CONSUME_MZ), CheckType.CONSUME, "receipts.MZ")).isTrue();
        assertThat(security.authorize(me, Set.of(CONSUME_MZ), CheckType.CONSUME, "receipts.MZ")).isFalse();
        assertThat(security.authorize(mz, Set.of(SEND_REPORTS), CheckType.CONSUME, "reports.in")).isFalse();
    }

    @Test
    void theHubUserIsCheckedAgainstItsOwnPassword() {
        Subject hub = security.authenticate("hub", "hub-secret", null, null);
        Role all = new Role(BrokerRole.HUB.roleName(), true, true, true, true, true, true, true, true, true, true, false, false);
        assertThat(security.authorize(hub, Set.of(all), CheckType.MANAGE, "x")).isTrue();
        assertThat(security.authenticate("hub", "mz-secret", null, null)).isNull();
    }

    @Test
    void aLockedLoginIsRefusedWithItsRightPassword() {
        security.authenticate("mz", "wrong-1", null, null);
        security.authenticate("mz", "wrong-2", null, null);
        assertThat(security.authenticate("mz", "mz-secret", null, null)).isNull();
        assertThat(security.authenticate("me", "me-secret", null, null)).isNotNull();
    }
}

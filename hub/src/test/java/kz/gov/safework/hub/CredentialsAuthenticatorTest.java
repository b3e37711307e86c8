package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import kz.gov.safework.api.BasicCredentials;
import kz.gov.safework.api.LoginLocked;
import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.connectors.identity.LoginThrottle;
import kz.gov.safework.contract.reference.Principals;
import kz.gov.safework.contract.reference.Principals.Principal;
import kz.gov.safework.contract.reference.Principals.Role;
import kz.gov.safework.contract.reference.ReferenceData;
import org.junit.jupiter.api.Test;

class CredentialsAuthenticatorTest {
    private static final Path CONFIG = Path.of("..", "config");

    private final CredentialsAuthenticator authenticator = new CredentialsAuthenticator(credentials(),
            new Principals(ReferenceData.load(CONFIG)));

    private static Credentials credentials() {
        Properties p = new Properties();
        p.setProperty("operator", "op-secret");
        p.setProperty("mtszn", "mtszn-secret");
        p.setProperty("mz", "mz-secret");
        p.setProperty("government", "gov-secret");
        return Credentials.of(p);
    }

    private Principal caller(String login, String password) {
        return authenticator.authenticate(new BasicCredentials(login, password).header()).orElseThrow();
    }

    @Test
    void givesTheMinistryOfLabourItsOwnRoleBesideTheAgencyOne() {
        Principal mtszn = caller("mtszn", "mtszn-secret");
        assertThat(mtszn.roles()).containsExactlyInAnyOrder(Role.AGENCY, Role.MTSZN);
        assertThat(mtszn.agency()).isEqualTo("MTSZN");
    }

    @Test
    void anAgencyLoginIsOnlyThatAgency() {
        Principal mz = caller("MZ", "mz-secret");
        assertThat(mz.login()).isEqualTo("mz");
        assertThat(mz.agency()).isEqualTo("MZ");
        assertThat(mz.roles()).containsExactly(Role.AGENCY);
    }

    @Test
    void operatorAndGovernmentAreNoAgency() {
        assertThat(caller("operator", "op-secret").roles()).containsExactly(Role.OPERATOR);
        assertThat(caller("government", "gov-secret").agency()).isNull();
    }

    @Test
    void refusesAWrongPassword() {
        assertThat(authenticator.authenticate(new BasicCredentials("mz", "mtszn-secret").header())).isEmpty();
    }

    @Test
    void refusesMalformedHeaders() {
        assertThat(authenticator.authenticate(null)).isEmpty();
        assertThat(authenticator.authenticate("Bearer abc")).isEmpty();
        assertThat(authenticator.authenticate("Basic not-base64!")).isEmpty();
        assertThat(authenticator.authenticate("Basic bXo=")).as("no colon").isEmpty();
    }

    @Test
    void aLockedLoginIsAnsweredWithRetryAfterWhateverThePassword() {
        Properties p = new Properties();
        p.setProperty("mz", "mz-secret");
        Credentials throttled = Credentials.of(p).throttledBy(new LoginThrottle(Clock.systemUTC(), 2,
                Duration.ofMinutes(5), (channel, login, until) -> { }));
        CredentialsAuthenticator locking = new CredentialsAuthenticator(throttled, new Principals(ReferenceData.load(CONFIG)));
        assertThat(locking.authenticate(new BasicCredentials("mz", "wrong").header())).isEmpty();
        assertThat(locking.authenticate(new BasicCredentials("mz", "wrong").header())).isEmpty();
        assertThatThrownBy(() -> locking.authenticate(new BasicCredentials("mz", "mz-secret").header()))
                .isInstanceOfSatisfying(LoginLocked.class, e -> assertThat(e.retryAfterSeconds()).isBetween(299L, 300L));
    }
}

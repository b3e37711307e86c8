package kz.gov.safework.contract.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kz.gov.safework.contract.reference.Principals.Role;
import org.junit.jupiter.api.Test;

/** One login → agency and roles mapping for every channel. */
class PrincipalsTest {
    private final Principals principals = new Principals(new ReferenceData(List.of(
            agency("MTSZN"), agency("MZ")), List.of(), List.of()));

    private static Agency agency(String code) {
        return new Agency(code, AgencyKind.MINISTRY, code, code, code, List.of(), List.of(), null);
    }

    @Test
    void anAgencyLoginIsItsCodeInLowerCaseWithTheAgencyRole() {
        Principals.Principal mz = principals.of("MZ");
        assertThat(mz.login()).isEqualTo("mz");
        assertThat(mz.agency()).isEqualTo("MZ");
        assertThat(mz.roles()).containsExactly(Role.AGENCY);
    }

    @Test
    void theMinistryIsAnAgencyWithTheMtsznRole() {
        assertThat(principals.of("mtszn").roles()).containsExactlyInAnyOrder(Role.AGENCY, Role.MTSZN);
        assertThat(principals.of("mtszn").agency()).isEqualTo("MTSZN");
    }

    @Test
    void operatorAndGovernmentHaveNoAgency() {
        assertThat(principals.of("Operator")).isEqualTo(new Principals.Principal("operator", null, java.util.Set.of(Role.OPERATOR)));
        assertThat(principals.of("government").roles()).containsExactly(Role.GOVERNMENT);
        assertThat(principals.of("government").has(Role.OPERATOR)).isFalse();
        assertThat(principals.of("government").agency()).isNull();
    }

    @Test
    void anyOtherLoginHasNoRole() {
        assertThat(principals.of("stranger").roles()).isEmpty();
        assertThat(principals.of("stranger").agency()).isNull();
    }
}

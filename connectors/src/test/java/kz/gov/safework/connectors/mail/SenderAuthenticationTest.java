package kz.gov.safework.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import kz.gov.safework.contract.reference.Agency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which Authentication-Results prove a sender, without Camel or a mail server. */
class SenderAuthenticationTest {
    private static final Agency MZ = MailFixture.REFERENCE.agencyByEmail(MailFixture.MZ).orElseThrow();
    private final SenderAuthentication trusted = new SenderAuthentication("MX.hub.test");

    @Test
    void dkimPassWithTheSendersDomainProvesIt() {
        assertThat(proof("mx.hub.test; dkim=pass header.d=agency.hub.local")).isEqualTo("dkim header.d=agency.hub.local");
    }

    @Test
    void spfPassWithTheSendersDomainInMailFromProvesIt() {
        assertThat(proof("mx.hub.test 1; spf=pass smtp.mailfrom=bounces@agency.hub.local")).startsWith("spf");
    }

    @Test
    void dmarcPassForTheSendersDomainProvesIt() {
        assertThat(proof("mx.hub.test; dkim=fail header.d=agency.hub.local; dmarc = pass (p=reject) header.from = agency.hub.local"))
                .startsWith("dmarc");
    }

    @Test
    void smtpLoginAsTheAgencyProvesIt() {
        assertThat(proof("mx.hub.test; auth=pass smtp.auth=mz")).isEqualTo("auth smtp.auth=mz");
    }

    /** Headers that prove nothing about the sender, each with why. */
    static Stream<Arguments> headersThatProveNothing() {
        return Stream.of(
                Arguments.of("an SMTP login as another agency", "mx.hub.test; auth=pass smtp.auth=akimat-astana"),
                Arguments.of("a parent domain's signature, for a subdomain", "mx.hub.test; dkim=pass header.d=hub.local"),
                Arguments.of("a look-alike domain", "mx.hub.test; dkim=pass header.d=evil-agency.hub.local"),
                Arguments.of("a look-alike domain, quoted",
                        "mx.hub.test; dkim=pass header.d=\"agency.hub.local.evil.example\""),
                Arguments.of("results other than pass",
                        "mx.hub.test; dkim=neutral header.d=agency.hub.local; spf=softfail smtp.mailfrom=agency.hub.local;"
                                + " dmarc=fail header.from=agency.hub.local; auth=fail smtp.auth=mz"),
                Arguments.of("another server's header", "mx.evil.example; dkim=pass header.d=agency.hub.local"),
                Arguments.of("the trusted id inside a comment is not the authserv-id",
                        "(mx.hub.test) mx.evil.example; dkim=pass header.d=agency.hub.local"),
                Arguments.of("the trusted id inside a quoted value is not the authserv-id",
                        "mx.evil.example; x=\"mx.hub.test; dkim=pass header.d=agency.hub.local\""),
                Arguments.of("a header that does not parse (unclosed comment)",
                        "mx.hub.test; dkim=pass (unclosed header.d=agency.hub.local"),
                Arguments.of("a header that does not parse (no method)", "mx.hub.test; =pass header.d=agency.hub.local"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headersThatProveNothing")
    void provesNothing(String why, String header) {
        assertThat(proof(header)).as(why).isNull();
    }

    @Test
    void oneProvingHeaderAmongOthersIsEnough() {
        assertThat(trusted.proof(List.of("mx.evil.example; none", "mx.hub.test; spf=fail smtp.mailfrom=agency.hub.local",
                "mx.hub.test; dkim=pass header.d=agency.hub.local"), MailFixture.MZ, MZ)).isPresent();
    }

    @Test
    void withoutATrustedIdNothingIsProven() {
        assertThat(new SenderAuthentication("").proof(List.of("; dkim=pass header.d=agency.hub.local"),
                MailFixture.MZ, MZ)).isEmpty();
        assertThat(new SenderAuthentication(null).proof(List.of("mx.hub.test; dkim=pass header.d=agency.hub.local"),
                MailFixture.MZ, MZ)).isEmpty();
    }

    @Test
    void foldedHeaderWithCommentsIsRead() {
        AuthenticationResults results = AuthenticationResults.parse("mx.hub.test;\r\n\tdkim=pass (1024-bit key; secure)"
                + " header.d=agency.hub.local header.i=@agency.hub.local header.b=\"Ab+c/d\";\r\n\tspf=pass"
                + " (domain of x designates 1.2.3.4) smtp.mailfrom=x@agency.hub.local").orElseThrow();

        assertThat(results.authservId()).isEqualTo("mx.hub.test");
        assertThat(results.results()).extracting(AuthenticationResults.Result::method).containsExactly("dkim", "spf");
        assertThat(results.results().get(0).property("header.b")).isEqualTo("Ab+c/d");
        assertThat(results.results().get(1).property("smtp.mailfrom")).isEqualTo("x@agency.hub.local");
    }

    private String proof(String header) {
        return trusted.proof(List.of(header), MailFixture.MZ, MZ).orElse(null);
    }
}

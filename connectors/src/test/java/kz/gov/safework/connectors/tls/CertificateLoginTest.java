package kz.gov.safework.connectors.tls;

import static org.assertj.core.api.Assertions.assertThat;

import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class CertificateLoginTest {

    @Test
    void theLoginIsTheSubjectsCommonName() {
        assertThat(CertificateLogin.commonName(new X500Principal("CN=mz, OU=IT, O=Ministry of Health, C=KZ")))
                .contains("mz");
    }

    @Test
    void aSubjectWithTwoCommonNamesNamesNobody() {
        assertThat(CertificateLogin.commonName(new X500Principal("CN=mz, CN=mtszn, O=x"))).isEmpty();
    }

    @Test
    void aSubjectWithoutCommonNameNamesNobody() {
        assertThat(CertificateLogin.commonName(new X500Principal("O=Ministry of Health, C=KZ"))).isEmpty();
    }

    @Test
    void anEscapedCommaStaysPartOfTheName() {
        assertThat(CertificateLogin.commonName(new X500Principal("CN=mz\\, O=evil, O=x"))).contains("mz, O=evil");
    }

    @Test
    void noCertificateNamesNobody() {
        assertThat(CertificateLogin.of(null)).isEmpty();
        assertThat(CertificateLogin.of(new java.security.cert.X509Certificate[0])).isEmpty();
    }
}

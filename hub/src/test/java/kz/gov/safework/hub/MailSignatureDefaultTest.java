package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import kz.gov.safework.contract.signature.SignaturePolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailSignatureDefaultTest {
    private final Map<String, String> settings = new HashMap<>();

    private SignaturePolicy policy() {
        return HubConfiguration.mailSignatureDefault(key -> settings.getOrDefault(key, ""));
    }

    /** Production requires signed mail, elsewhere signatures are optional; the configured default wins in both. */
    @ParameterizedTest(name = "production={0}: {1}, configured \"{2}\": {3}")
    @CsvSource({"true, REQUIRED, optional, OPTIONAL", "false, OPTIONAL, ' Required ', REQUIRED"})
    void productionDecidesUnlessConfiguredOtherwise(String production, SignaturePolicy unconfigured, String configured,
                                                    SignaturePolicy overridden) {
        settings.put(HubSettings.PRODUCTION, production);
        assertThat(policy()).isEqualTo(unconfigured);
        settings.put(HubConfiguration.MAIL_SIGNATURE_DEFAULT, configured);
        assertThat(policy()).isEqualTo(overridden);
    }
}

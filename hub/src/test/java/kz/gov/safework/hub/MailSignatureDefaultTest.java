package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import kz.gov.safework.contract.signature.SignaturePolicy;
import org.junit.jupiter.api.Test;

class MailSignatureDefaultTest {
    private final Map<String, String> settings = new HashMap<>();

    private SignaturePolicy policy() {
        return HubConfiguration.mailSignatureDefault(key -> settings.getOrDefault(key, ""));
    }

    @Test
    void productionRequiresSignedMailUnlessConfiguredOtherwise() {
        settings.put(HubSettings.PRODUCTION, "true");
        assertThat(policy()).isEqualTo(SignaturePolicy.REQUIRED);
        settings.put(HubConfiguration.MAIL_SIGNATURE_DEFAULT, "optional");
        assertThat(policy()).isEqualTo(SignaturePolicy.OPTIONAL);
    }

    @Test
    void outsideProductionMailSignaturesAreOptionalUnlessConfigured() {
        settings.put(HubSettings.PRODUCTION, "false");
        assertThat(policy()).isEqualTo(SignaturePolicy.OPTIONAL);
        settings.put(HubConfiguration.MAIL_SIGNATURE_DEFAULT, " Required ");
        assertThat(policy()).isEqualTo(SignaturePolicy.REQUIRED);
    }
}

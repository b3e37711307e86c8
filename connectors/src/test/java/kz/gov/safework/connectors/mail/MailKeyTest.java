package kz.gov.safework.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MailKeyTest {
    private static final byte[] MAIL = "Message-ID: <a@b>\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theSameBytesGiveTheSameKey() {
        assertThat(MailKey.of("<a@b>", MAIL)).isEqualTo(MailKey.of("<a@b>", MAIL.clone()));
    }

    @Test
    void anotherMailReusingTheMessageIdHasAnotherKey() {
        byte[] other = "Message-ID: <a@b>\r\n\r\nworld".getBytes(StandardCharsets.US_ASCII);
        assertThat(MailKey.of("<a@b>", other)).isNotEqualTo(MailKey.of("<a@b>", MAIL));
        assertThat(MailKey.of("<a@b>", other).messageId()).isEqualTo("<a@b>");
    }

    @Test
    void aKeyReadsBackFromItsText() {
        MailKey key = MailKey.of("<a@b>", MAIL);
        assertThat(key.toString()).matches("<a@b> [0-9a-f]{64}");
        assertThat(MailKey.parse(key.toString())).isEqualTo(key);
    }

    @Test
    void aKeyRecordedBeforeKeysHadAHashIsTheBareMessageId() {
        MailKey old = MailKey.parse("<old@agency.hub.local>");
        assertThat(old.messageId()).isEqualTo("<old@agency.hub.local>");
        assertThat(old.toString()).isEqualTo("<old@agency.hub.local>");
    }

    @Test
    void theReplysMessageIdFollowsFromTheKeyAndTheHubsDomain() {
        MailKey key = MailKey.of("<a@b>", MAIL);
        String id = key.derivedMessageId("reply", "reports@hub.local");
        assertThat(id).matches("<reply\\.[0-9a-f]{40}@hub\\.local>")
                .isEqualTo(MailKey.parse(key.toString()).derivedMessageId("reply", "reports@hub.local"))
                .isNotEqualTo(MailKey.of("<a@b>", "other".getBytes(StandardCharsets.US_ASCII))
                        .derivedMessageId("reply", "reports@hub.local"));
    }
}

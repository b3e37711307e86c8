package kz.gov.safework.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import kz.gov.safework.contract.envelope.Channel;
import org.junit.jupiter.api.Test;

/** Submission ids: the same transport message always gets the same id; anything else a different one. */
class SubmissionIdsTest {

    @Test
    void theSameTransportMessageGetsTheSameIdEveryTime() {
        assertThat(SubmissionIds.of(Channel.JMS, "mz", "ID:1")).isEqualTo(SubmissionIds.of(Channel.JMS, "mz", "ID:1"));
        assertThat(UUID.fromString(SubmissionIds.of(Channel.JMS, "mz", "ID:1")).version()).isEqualTo(3);
    }

    @Test
    void channelLoginAndTransportIdEachMakeADifferentId() {
        String id = SubmissionIds.of(Channel.JMS, "mz", "ID:1");
        assertThat(SubmissionIds.of(Channel.SFTP, "mz", "ID:1")).isNotEqualTo(id);
        assertThat(SubmissionIds.of(Channel.JMS, "mtszn", "ID:1")).isNotEqualTo(id);
        assertThat(SubmissionIds.of(Channel.JMS, "mz", "ID:2")).isNotEqualTo(id);
    }

    @Test
    void noLoginIsTheEmptyLogin() {
        assertThat(SubmissionIds.of(Channel.MAIL, null, "<m@x>")).isEqualTo(SubmissionIds.of(Channel.MAIL, "", "<m@x>"))
                .isEqualTo(UUID.nameUUIDFromBytes("mail\n\n<m@x>".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString());
    }
}

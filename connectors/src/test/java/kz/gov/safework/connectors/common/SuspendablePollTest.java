package kz.gov.safework.connectors.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuspendablePollTest {
    private final Set<String> suspended = new HashSet<>();
    private final SourcePoll status = new SourcePoll("sftp-remote-MZ", "the SFTP server of MZ", Clock.systemUTC());
    private final SuspendablePoll poll = new SuspendablePoll("sftp-remote-MZ", suspended::contains, status);

    @Test
    void skipsEveryPollWhileItsChannelIsSuspendedAndPollsAgainAfterTheResume() {
        assertThat(poll.begin(null, null)).isTrue();

        suspended.add("sftp-remote-MZ");
        assertThat(poll.begin(null, null)).isFalse();

        suspended.remove("sftp-remote-MZ");
        assertThat(poll.begin(null, null)).isTrue();
    }

    @Test
    void anotherChannelsSuspensionDoesNotHoldIt() {
        suspended.add("sftp-remote-MVD");
        assertThat(poll.begin(null, null)).isTrue();
    }

    @Test
    void passesEachPollsOutcomeToTheSourcesStatus() throws Exception {
        poll.commit(null, null, 2);
        assertThat(status.state().error()).isNull();

        poll.rollback(null, null, 0, new java.io.IOException("connection refused"));
        assertThat(status.failing()).isTrue();
    }
}

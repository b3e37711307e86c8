package kz.gov.safework.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import kz.gov.safework.api.ApiProblem;
import kz.gov.safework.store.TestDatabases;
import kz.gov.safework.store.TestDatabases.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The table of suspended channels as two hub instances on one database see it (H2, and PostgreSQL when there). */
class ChannelSuspensionsTest {
    private static final List<IntakeChannel> CHANNELS = List.of(
            new IntakeChannel("jms", "jms-intake", null, false),
            new IntakeChannel("sftp-remote-MZ", "sftp-remote-MZ", "sftp-remote-MZ", true));

    static Stream<TestDatabase> databases() {
        return TestDatabases.all().stream();
    }

    private static ChannelSuspensions instance(TestDatabase db) {
        return new ChannelSuspensions(db.dataSource(), new OperatorActions(db.dataSource()), Clock.systemUTC(), CHANNELS);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSuspensionOnOneInstanceHoldsOnAnotherAfterItsRefreshAndOnOneStartedLater(TestDatabase db) {
        ChannelSuspensions first = instance(db);
        ChannelSuspensions second = instance(db);

        first.suspend("sftp-remote-MZ", "operator", "agency moves its server");

        assertThat(first.isSuspended("sftp-remote-MZ")).isTrue();
        assertThat(second.isSuspended("sftp-remote-MZ")).as("before its refresh").isFalse();
        second.refresh();
        assertThat(second.suspension("sftp-remote-MZ")).hasValueSatisfying(suspension -> {
            assertThat(suspension.reason()).isEqualTo("agency moves its server");
            assertThat(suspension.operator()).isEqualTo("operator");
        });
        assertThat(instance(db).isSuspended("sftp-remote-MZ")).as("an instance started later").isTrue();
        assertThat(second.isSuspended("jms")).isFalse();

        second.resume("sftp-remote-MZ", "operator2", null);
        first.refresh();
        assertThat(first.isSuspended("sftp-remote-MZ")).isFalse();
        assertThat(new OperatorActions(db.dataSource()).recent(10)).extracting(OperatorAction::action)
                .startsWith(OperatorAction.Kind.RESUME_CHANNEL, OperatorAction.Kind.SUSPEND_CHANNEL);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void suspendingASuspendedChannelOrResumingAReceivingOneIsAConflict(TestDatabase db) {
        ChannelSuspensions suspensions = instance(db);
        suspensions.suspend("jms", "operator", "broker maintenance");

        assertThatThrownBy(() -> instance(db).suspend("jms", "operator2", "again"))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(409));
        suspensions.resume("jms", "operator", "done");
        assertThatThrownBy(() -> suspensions.resume("jms", "operator", null))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(409));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "two\nlines", "a\u202Eright-to-left override", "tab\there"})
    void refusesAReasonThatIsBlankOrNotOneLineOfText(String reason) {
        assertThatThrownBy(() -> ChannelSuspensions.checkedReason(reason))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(400));
    }

    @ParameterizedTest
    @ValueSource(ints = {ChannelSuspensions.MAX_REASON + 1, 10_000})
    void refusesAReasonLongerThanTheLimit(int length) {
        assertThatThrownBy(() -> ChannelSuspensions.checkedReason("x".repeat(length)))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(400));
        assertThat(ChannelSuspensions.checkedReason(" " + "x".repeat(ChannelSuspensions.MAX_REASON) + " "))
                .hasSize(ChannelSuspensions.MAX_REASON);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anUnknownChannelIsNotFound(TestDatabase db) {
        assertThatThrownBy(() -> instance(db).suspend("fax", "operator", "why"))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(404));
    }
}

package kz.gov.safework.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {
    private final List<String> events = new ArrayList<>();

    private OutboxRelay.Round drain(List<String> due, OutboxRelay.Send<String> send) {
        return OutboxRelay.drain(due, send,
                row -> events.add("sent " + row),
                (row, reason) -> events.add("refused " + row + " (" + reason + ")"));
    }

    private OutboxRelay.Send<String> accepting() {
        return row -> {
            events.add("send " + row);
            return null;
        };
    }

    @Test
    void sendsEveryDueRowInOrderAndMarksEachAfterItsSend() {
        OutboxRelay.Round round = drain(List.of("a", "b", "c"), accepting());

        assertThat(events).containsExactly("send a", "sent a", "send b", "sent b", "send c", "sent c");
        assertThat(round).isEqualTo(new OutboxRelay.Round(3, 0));
    }

    @Test
    void firstRefusalIsRecordedAndEndsTheRound() {
        OutboxRelay.Round round = drain(List.of("a", "b", "c"), row -> {
            events.add("send " + row);
            return row.equals("b") ? new IOException("connection refused") : null;
        });

        assertThat(events).containsExactly("send a", "sent a", "send b",
                "refused b (IOException: connection refused)");
        assertThat(round).isEqualTo(new OutboxRelay.Round(1, 2));
    }

    @Test
    void thrownExceptionIsARefusalToo() {
        OutboxRelay.Round round = drain(List.of("a", "b"), row -> {
            throw new IllegalStateException("unreadable row");
        });

        assertThat(events).containsExactly("refused a (IllegalStateException: unreadable row)");
        assertThat(round).isEqualTo(new OutboxRelay.Round(0, 2));
    }

    @Test
    void emptyOutboxSendsNothing() {
        OutboxRelay.Round round = drain(List.of(), accepting());

        assertThat(events).isEmpty();
        assertThat(round).isEqualTo(new OutboxRelay.Round(0, 0));
    }
}

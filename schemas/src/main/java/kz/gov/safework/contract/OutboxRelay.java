package kz.gov.safework.contract;

import java.util.List;
import java.util.function.Consumer;

/**
 * One round of an outbox relay, the loop the hub's outboxes share (mail replies, e-mail reminders, the Government
 * package): the due rows are sent in their order; a row is marked sent only after its send returned; the first
 * refusal is recorded and ends the round, so an unreachable receiver is asked once a round, not once a row, and the
 * rows keep their order. A row stays in its table until it is marked, so a refused or interrupted one goes again in
 * a later round. When a row may go again (a back-off, the next tick) is the outbox's own business.
 */
public final class OutboxRelay {
    /** Sends one row: returns the refusal, or null once the receiver has it; a thrown exception is a refusal too. */
    @FunctionalInterface
    public interface Send<T> {
        Exception send(T row) throws Exception;
    }

    /** Records the refusal of one row; {@code reason} is {@code "ExceptionName: message"}. */
    @FunctionalInterface
    public interface Refused<T> {
        void refused(T row, String reason);
    }

    /** What a round did: rows sent, and rows left due (the refused one and those behind it). */
    public record Round(int sent, int waiting) {
    }

    private OutboxRelay() {
    }

    public static <T> Round drain(List<T> due, Send<T> send, Consumer<T> sent, Refused<T> refused) {
        int count = 0;
        for (T row : due) {
            Exception error;
            try {
                error = send.send(row);
            } catch (Exception e) {
                error = e;
            }
            if (error != null) {
                refused.refused(row, error.getClass().getSimpleName() + ": " + error.getMessage());
                break;
            }
            sent.accept(row);
            count++;
        }
        return new Round(count, due.size() - count);
    }
}

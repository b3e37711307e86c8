package kz.gov.safework.connectors.common;

/**
 * Whether an operator has suspended a channel's intake (issue 14), by the channel's id: {@code sftp}, {@code mail},
 * {@code sftp-remote-<CODE>}. The application passes the observe capability's view of it in; a suspended channel's
 * sources are not polled ({@link SuspendablePoll}).
 */
@FunctionalInterface
public interface SuspendedChannels {
    /** No channel is ever suspended (tests, and a hub wired without the operator controls). */
    SuspendedChannels NONE = channel -> false;

    boolean isSuspended(String channel);
}

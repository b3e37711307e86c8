package kz.gov.safework.observe;

import java.time.Duration;

/**
 * Depth of one queue, the consumers attached to it, and the age of its oldest waiting message (null when none
 * waits), as the broker last told us.
 */
public record QueueStats(String queue, long messages, int consumers, Duration oldest) {
}

package kz.gov.safework.observe;

/** Depth of one queue and the consumers attached to it, as the broker last told us. */
public record QueueStats(String queue, long messages, int consumers) {
}

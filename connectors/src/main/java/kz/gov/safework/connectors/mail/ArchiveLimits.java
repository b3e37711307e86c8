package kz.gov.safework.connectors.mail;

/**
 * Limits for opening a {@code .zip} attachment: how many entries, and how many bytes once uncompressed
 * (counted while reading, never trusted from the archive's own header).
 */
public record ArchiveLimits(int maxEntries, long maxTotalBytes) {
}

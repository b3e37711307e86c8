package kz.gov.safework.connectors.mail;

/**
 * Limits for one mail ({@code hub.mail.max-mail-bytes}, {@code hub.mail.max-entries}): a mail larger than
 * {@code maxMailBytes} as received is not downloaded; the attachments decoded and the archive entries inflated
 * out of one mail may add up to {@code maxMailBytes}; attachments (an archive counts by its entries) and archive
 * entries together may number {@code maxEntries}. Counted while reading, never trusted from a header or an archive's directory.
 */
public record MailLimits(long maxMailBytes, int maxEntries) {
}

package kz.gov.safework.connectors.mail;

/** One receipt collected for a mail reply: its place in the mail, the document's name, and the receipt JSON. */
public record MailReceipt(int index, String fileName, String status, String json) {
}

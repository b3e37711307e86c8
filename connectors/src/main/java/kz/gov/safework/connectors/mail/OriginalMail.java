package kz.gov.safework.connectors.mail;

/** What a reply needs of the mail it answers. */
public record OriginalMail(String messageId, String sender, String subject, String references) {

    public static OriginalMail of(InboundMail mail) {
        return new OriginalMail(mail.messageId(), mail.sender(), mail.subject(), mail.references());
    }
}

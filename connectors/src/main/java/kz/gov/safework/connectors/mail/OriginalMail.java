package kz.gov.safework.connectors.mail;

/** What a reply needs of the mail it answers; the key also names the reply (its Message-ID, its outbox row). */
public record OriginalMail(MailKey key, String sender, String subject, String references) {

    public static OriginalMail of(InboundMail mail) {
        return new OriginalMail(mail.key(), mail.sender(), mail.subject(), mail.references());
    }

    /** The answered mail's Message-ID header: the reply's In-Reply-To. */
    public String messageId() {
        return key.messageId();
    }
}

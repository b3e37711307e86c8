-- Mail replies leave through this outbox (issue 11). A reply is written here in the same transaction as what
-- causes it: the receipt that completes its mail, the decision that a mail waited long enough for its receipts
-- (hub.mail.reply.max-wait), or the refusal of a mail. The relay (MailOutbox) sends every row without sent_at,
-- backing off after a refusal (next_attempt_at), and then sets sent_at. outbox_key is the answered mail's key, so a
-- mail has at most one reply; message_id is derived from it, so a reply sent again after a crash between the SMTP
-- server's accept and sent_at carries the same Message-ID. Runs unchanged on H2 and PostgreSQL.
--
-- From this version on, mail_inbound.message_id and mail_receipt.message_id hold the mail's key: its Message-ID,
-- a space and the SHA-256 of the raw mail (MailKey), so two different mails with one Message-ID are two mails.
-- Rows written before keep the bare Message-ID, which MailKey reads as a key without a hash; replied_at now means
-- "the reply is in the outbox".
CREATE TABLE mail_outbox (
    outbox_key       VARCHAR(1100) NOT NULL PRIMARY KEY,
    message_id       VARCHAR(255)  NOT NULL,
    recipient        VARCHAR(1024) NOT NULL,
    mime_base64      TEXT          NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE,
    attempts         INTEGER       NOT NULL,
    last_error       VARCHAR(1024)
);
CREATE INDEX ix_mail_outbox_unsent ON mail_outbox (sent_at, next_attempt_at);
CREATE INDEX ix_mail_inbound_unanswered ON mail_inbound (replied_at, received_at);

package kz.gov.safework.connectors.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;

/**
 * The mail channel's state in the hub's database: the receipts of each mail ({@code V30__mail.sql}), collected
 * until every document of the mail has its receipt, and the outbox of replies ({@code V31__mail_outbox.sql}).
 * A mail is named by its {@link MailKey}. The reply is written to the outbox in the same transaction as the
 * receipt that completes the mail (or as the decision that the mail waited long enough), so a crash leaves either
 * no reply to send or one; the relay ({@link MailOutbox}) sends it. Every write is idempotent: a mail read twice,
 * or a receipt delivered twice, changes nothing.
 */
public record MailReplyStore(DataSource dataSource, Clock clock) {

    /** Builds the reply of a mail from the receipts there are and the number of documents it had. */
    @FunctionalInterface
    public interface ReplyMaker {
        MimeMessage reply(OriginalMail original, List<MailReceipt> receipts, int documents) throws MessagingException;
    }

    /** One reply waiting in the outbox: its row's key, its Message-ID, the mail as it goes out, attempts so far. */
    public record OutboxMail(String key, String messageId, byte[] mime, int attempts) {
    }

    /** Remembers a mail before its documents go to the pipeline (a re-read mail keeps its first row). */
    public void recordInbound(InboundMail mail, String agency, int batchSize) {
        inTransaction(c -> {
            insertMail(c, mail.key().toString(), mail.sender(), agency, clip(mail.subject(), 2000),
                    clip(mail.references(), 4000), batchSize);
            return null;
        });
    }

    /**
     * Stores one receipt and, when it was the last one missing, writes the mail's reply to the outbox, all in one
     * transaction. The mail's row is re-created from the receipt's headers if it is missing (a mail recorded by an
     * older hub). Returns whether a reply was written.
     */
    public boolean collect(String mailKey, String sender, String agency, int batchSize, MailReceipt receipt,
                           ReplyMaker replies) {
        return inTransaction(c -> {
            insertMail(c, mailKey, sender, agency == null ? "" : agency, null, null, batchSize);
            Pending pending = lockUnanswered(c, mailKey);
            if (pending == null) {
                return false; // answered already: a late or redelivered receipt
            }
            update(c, """
                    INSERT INTO mail_receipt (message_id, batch_index, file_name, status, receipt_json, received_at)
                    SELECT ?, ?, ?, ?, ?, ? FROM (VALUES (1)) AS one (x) WHERE NOT EXISTS
                     (SELECT 1 FROM mail_receipt WHERE message_id = ? AND batch_index = ?)""",
                    mailKey, receipt.index(), clip(receipt.fileName(), 1024), receipt.status(), receipt.json(), now(),
                    mailKey, receipt.index());
            List<MailReceipt> receipts = receipts(c, mailKey);
            if (receipts.size() < pending.documents()) {
                return false;
            }
            answer(c, pending, replies.reply(pending.original(), receipts, pending.documents()));
            return true;
        });
    }

    /** Keys of the mails still without a reply that were recorded before {@code before}. */
    public List<String> unansweredSince(Instant before) {
        return inTransaction(c -> {
            List<String> keys = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT message_id FROM mail_inbound WHERE replied_at IS NULL AND received_at < ? ORDER BY received_at")) {
                s.setObject(1, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                }
            }
            return keys;
        });
    }

    /** Answers a mail with the receipts it has (the reply names the missing ones); false when it was answered. */
    public boolean answerAsItIs(String mailKey, ReplyMaker replies) {
        return inTransaction(c -> {
            Pending pending = lockUnanswered(c, mailKey);
            if (pending == null) {
                return false;
            }
            answer(c, pending, replies.reply(pending.original(), receipts(c, mailKey), pending.documents()));
            return true;
        });
    }

    /**
     * Puts a reply into the outbox under {@code key} (a mail's key: one reply per mail); a second reply under the
     * same key (the same mail read again) is dropped. Returns whether it was written.
     */
    public boolean enqueue(String key, MimeMessage reply) {
        return inTransaction(c -> enqueue(c, key, reply));
    }

    /** Replies due for (another) attempt, oldest first. */
    public List<OutboxMail> due(int limit) {
        return inTransaction(c -> {
            List<OutboxMail> due = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT outbox_key, message_id, mime_base64, attempts FROM mail_outbox
                     WHERE sent_at IS NULL AND undeliverable_at IS NULL AND next_attempt_at <= ?
                     ORDER BY next_attempt_at, created_at""")) {
                s.setObject(1, now());
                s.setMaxRows(limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        due.add(new OutboxMail(rs.getString(1), rs.getString(2),
                                Base64.getMimeDecoder().decode(rs.getString(3)), rs.getInt(4)));
                    }
                }
            }
            return due;
        });
    }

    public void sent(OutboxMail mail) {
        inTransaction(c -> update(c, "UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL "
                + "WHERE outbox_key = ? AND sent_at IS NULL", now(), mail.key()));
    }

    public void failed(OutboxMail mail, String error, Instant nextAttempt) {
        inTransaction(c -> update(c, "UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
                        + "WHERE outbox_key = ? AND sent_at IS NULL", clip(error, 1024),
                OffsetDateTime.ofInstant(nextAttempt, ZoneOffset.UTC), mail.key()));
    }

    /** The SMTP server refused the reply for good: kept with the reason, never tried again. */
    public void undeliverable(OutboxMail mail, String error) {
        inTransaction(c -> update(c, "UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, undeliverable_at = ? "
                + "WHERE outbox_key = ? AND sent_at IS NULL", clip(error, 1024), now(), mail.key()));
    }

    /** How many replies the SMTP server refused for good since {@code since}. */
    public long undeliverableSince(Instant since) {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT COUNT(*) FROM mail_outbox WHERE undeliverable_at >= ?")) {
                s.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private record Pending(OriginalMail original, int documents) {
    }

    /** The mail's row, locked until the transaction ends (receipts of one mail are counted one at a time), or null. */
    private static Pending lockUnanswered(Connection c, String mailKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT sender, subject, mail_refs, batch_size, replied_at FROM mail_inbound WHERE message_id = ?
                   FOR UPDATE""")) {
            s.setString(1, mailKey);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || rs.getObject("replied_at") != null) {
                    return null;
                }
                return new Pending(new OriginalMail(MailKey.parse(mailKey), rs.getString("sender"),
                        rs.getString("subject"), rs.getString("mail_refs")), rs.getInt("batch_size"));
            }
        }
    }

    private static List<MailReceipt> receipts(Connection c, String mailKey) throws SQLException {
        List<MailReceipt> receipts = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT batch_index, file_name, status, receipt_json FROM mail_receipt
                WHERE message_id = ? ORDER BY batch_index""")) {
            s.setString(1, mailKey);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    receipts.add(new MailReceipt(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return receipts;
    }

    private void answer(Connection c, Pending pending, MimeMessage reply) throws SQLException, MessagingException {
        String key = pending.original().key().toString();
        enqueue(c, key, reply);
        update(c, "UPDATE mail_inbound SET replied_at = ? WHERE message_id = ?", now(), key);
    }

    private boolean enqueue(Connection c, String key, MimeMessage reply) throws SQLException, MessagingException {
        reply.saveChanges();
        String recipients = String.join(",", java.util.Arrays.stream(reply.getAllRecipients())
                .map(Object::toString).toList());
        return update(c, """
                INSERT INTO mail_outbox (outbox_key, message_id, recipient, mime_base64, created_at, next_attempt_at,
                                         attempts)
                SELECT ?, ?, ?, ?, ?, ?, 0 FROM (VALUES (1)) AS one (x)
                 WHERE NOT EXISTS (SELECT 1 FROM mail_outbox WHERE outbox_key = ?)""",
                key, reply.getMessageID(), clip(recipients, 1024),
                Base64.getEncoder().encodeToString(OutgoingMail.bytes(reply)), now(), now(), key) == 1;
    }

    private void insertMail(Connection c, String key, String sender, String agency, String subject, String refs,
                            int batchSize) throws SQLException {
        update(c, """
                INSERT INTO mail_inbound (message_id, sender, agency, subject, mail_refs, batch_size, received_at)
                SELECT ?, ?, ?, ?, ?, ?, ? FROM (VALUES (1)) AS one (x)
                WHERE NOT EXISTS (SELECT 1 FROM mail_inbound WHERE message_id = ?)""",
                key, sender, agency, subject, refs, batchSize, now(), key);
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            return s.executeUpdate();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException, MessagingException;
    }

    /**
     * One transaction. A unique-key violation (a concurrent writer of the same row won) rolls it back and fails,
     * and the caller's redelivery runs it again against the winner's row.
     */
    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | MessagingException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Mail store write failed: " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot build the mail reply: " + e.getMessage(), e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}

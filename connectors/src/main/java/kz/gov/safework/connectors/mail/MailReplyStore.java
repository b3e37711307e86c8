package kz.gov.safework.connectors.mail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Collects the receipts of each mail in the hub's database ({@code V30__mail.sql}) until every document of
 * the mail has its receipt, so the one reply per mail survives a restart in between. Every write is
 * idempotent: a mail read twice, or a receipt delivered twice, changes nothing.
 */
public final class MailReplyStore {
    private final DataSource dataSource;
    private final Clock clock;

    public MailReplyStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A mail whose receipts are all in and whose reply is not yet sent. */
    public record PendingReply(OriginalMail original, List<MailReceipt> receipts) {
    }

    /** Remembers a mail before its documents go to the pipeline (a re-read mail keeps its first row). */
    public void recordInbound(InboundMail mail, String agency, int batchSize) {
        insertIgnoringDuplicate("""
                INSERT INTO mail_inbound (message_id, sender, agency, subject, mail_refs, batch_size, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                mail.messageId(), mail.sender(), agency, clip(mail.subject(), 2000), clip(mail.references(), 4000),
                batchSize, now());
    }

    /**
     * Stores one receipt and answers the reply to send when it was the last one missing. The mail's row is
     * re-created from the receipt's headers if it is missing (a mail recorded by an older hub).
     */
    public Optional<PendingReply> collect(String messageId, String sender, String agency, int batchSize,
                                          MailReceipt receipt) {
        insertIgnoringDuplicate("""
                INSERT INTO mail_inbound (message_id, sender, agency, subject, mail_refs, batch_size, received_at)
                SELECT ?, ?, ?, NULL, NULL, ?, ? FROM (VALUES (1)) AS one (x)
                WHERE NOT EXISTS (SELECT 1 FROM mail_inbound WHERE message_id = ?)""",
                messageId, sender, agency == null ? "" : agency, batchSize, now(), messageId);
        insertIgnoringDuplicate("""
                INSERT INTO mail_receipt (message_id, batch_index, file_name, status, receipt_json, received_at)
                VALUES (?, ?, ?, ?, ?, ?)""",
                messageId, receipt.index(), clip(receipt.fileName(), 1024), receipt.status(), receipt.json(), now());
        try (Connection c = dataSource.getConnection()) {
            OriginalMail original;
            int expected;
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT sender, subject, mail_refs, batch_size, replied_at FROM mail_inbound WHERE message_id = ?""")) {
                s.setString(1, messageId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next() || rs.getObject("replied_at") != null) {
                        return Optional.empty();
                    }
                    original = new OriginalMail(messageId, rs.getString("sender"), rs.getString("subject"),
                            rs.getString("mail_refs"));
                    expected = rs.getInt("batch_size");
                }
            }
            List<MailReceipt> receipts = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT batch_index, file_name, status, receipt_json FROM mail_receipt
                    WHERE message_id = ? ORDER BY batch_index""")) {
                s.setString(1, messageId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        receipts.add(new MailReceipt(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            return receipts.size() >= expected ? Optional.of(new PendingReply(original, receipts)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the receipts of mail " + messageId, e);
        }
    }

    public void markReplied(String messageId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "UPDATE mail_inbound SET replied_at = ? WHERE message_id = ? AND replied_at IS NULL")) {
            s.setObject(1, now());
            s.setString(2, messageId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot mark mail " + messageId + " as answered", e);
        }
    }

    private void insertIgnoringDuplicate(String sql, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            // 23xxx: integrity constraint violation, i.e. the row is already there (H2 and PostgreSQL alike)
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw new IllegalStateException("Mail store write failed: " + e.getMessage(), e);
            }
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}

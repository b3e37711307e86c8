package kz.gov.safework.observe;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The audit trail of operator actions (table {@code operator_action}, migration V20). */
public final class OperatorActions {
    private static final String INSERT = "INSERT INTO operator_action"
            + " (acted_at, operator_login, action, target, reason, outcome) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String RECENT = "SELECT action_id, acted_at, operator_login, action, target, reason, outcome"
            + " FROM operator_action ORDER BY acted_at DESC, action_id DESC FETCH FIRST ? ROWS ONLY";

    private final DataSource dataSource;

    public OperatorActions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(OperatorAction action) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, OffsetDateTime.ofInstant(action.actedAt(), ZoneOffset.UTC));
            insert.setString(2, action.operator());
            insert.setString(3, action.action().name());
            insert.setString(4, action.target());
            insert.setString(5, action.reason());
            insert.setString(6, truncate(action.outcome(), 1024));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record operator action " + action.action(), e);
        }
    }

    public List<OperatorAction> recent(int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(RECENT)) {
            select.setInt(1, limit);
            List<OperatorAction> actions = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    actions.add(new OperatorAction(
                            rows.getLong("action_id"),
                            rows.getObject("acted_at", OffsetDateTime.class).toInstant(),
                            rows.getString("operator_login"),
                            OperatorAction.Kind.valueOf(rows.getString("action")),
                            rows.getString("target"),
                            rows.getString("reason"),
                            rows.getString("outcome")));
                }
            }
            return actions;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list operator actions", e);
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}

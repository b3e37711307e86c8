package kz.gov.safework.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import kz.gov.safework.contract.Json;

/** The latest judged documents from the store's {@code submission} table, newest first. */
public final class RecentSubmissions {
    private static final String RECENT = "SELECT submission_id, channel, agency, report_id, plan_id, report_year,"
            + " status, late, received_at, processed_at, receipt_json FROM submission"
            + " ORDER BY processed_at DESC, submission_id FETCH FIRST ? ROWS ONLY";

    private final DataSource dataSource;

    public RecentSubmissions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<SubmissionView> recent(int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(RECENT)) {
            select.setInt(1, limit);
            List<SubmissionView> list = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int year = rows.getInt("report_year");
                    list.add(new SubmissionView(
                            rows.getString("submission_id"),
                            rows.getString("channel"),
                            rows.getString("agency"),
                            rows.getString("report_id"),
                            rows.getString("plan_id"),
                            rows.wasNull() ? null : year,
                            rows.getString("status"),
                            rows.getBoolean("late"),
                            rows.getObject("received_at", OffsetDateTime.class).toInstant(),
                            rows.getObject("processed_at", OffsetDateTime.class).toInstant(),
                            receipt(rows.getString("receipt_json"))));
                }
            }
            return list;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list submissions", e);
        }
    }

    private static JsonNode receipt(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            return TextNode.valueOf(json);
        }
    }
}

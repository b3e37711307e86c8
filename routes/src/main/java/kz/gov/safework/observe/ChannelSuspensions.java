package kz.gov.safework.observe;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import kz.gov.safework.api.ApiProblem;
import kz.gov.safework.contract.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which channels' intake an operator has suspended (table {@code channel_suspension}, migration V53), suspending and
 * resuming them (each recorded in {@link OperatorActions}), and this instance's copy of the table, which the channels
 * read on every poll or message: loaded before any route starts, refreshed after each change made here and every
 * {@code hub.observe.channel-refresh-period} ms ({@link ObserveRoutes}), so another instance's change holds here within
 * that period. When the database cannot be read the last known state stays.
 */
public final class ChannelSuspensions {
    /** Longest reason an operator may give (the column's size). */
    public static final int MAX_REASON = 500;
    public static final String RECEIVING = "RECEIVING";
    public static final String SUSPENDED = "SUSPENDED";
    private static final Logger LOG = LoggerFactory.getLogger(ChannelSuspensions.class);
    private static final String SELECT = "SELECT channel, suspended_at, operator_login, reason FROM channel_suspension";
    private static final String INSERT = "INSERT INTO channel_suspension (channel, suspended_at, operator_login, reason)"
            + " VALUES (?, ?, ?, ?)";
    private static final String DELETE = "DELETE FROM channel_suspension WHERE channel = ?";

    private final DataSource dataSource;
    private final OperatorActions actions;
    private final Clock clock;
    private final Map<String, IntakeChannel> channels = new LinkedHashMap<>();
    private final List<Runnable> afterRefresh = new CopyOnWriteArrayList<>();
    private volatile Map<String, ChannelSuspension> suspended = Map.of();
    private volatile boolean readFailing;

    public ChannelSuspensions(DataSource dataSource, OperatorActions actions, Clock clock, List<IntakeChannel> channels) {
        this.dataSource = dataSource;
        this.actions = actions;
        this.clock = clock;
        channels.forEach(channel -> this.channels.put(channel.id(), channel));
        refresh();
    }

    /** The channels an operator can suspend, in the order the hub built them. */
    public List<IntakeChannel> channels() {
        return List.copyOf(channels.values());
    }

    public boolean isSuspended(String channel) {
        return suspended.containsKey(channel);
    }

    public Optional<ChannelSuspension> suspension(String channel) {
        return Optional.ofNullable(suspended.get(channel));
    }

    /** Runs {@code action} after every refresh (the stopping and starting of pushed channels' routes). */
    public void afterRefresh(Runnable action) {
        afterRefresh.add(action);
    }

    /** Every channel with its state, for the operator API. */
    public List<Map<String, Object>> states() {
        return channels.keySet().stream().map(this::state).toList();
    }

    /**
     * One channel's state: {@code channel}, {@code state} ({@value #RECEIVING} or {@value #SUSPENDED}) and, when
     * suspended, {@code reason}, {@code by} and {@code since}.
     */
    public Map<String, Object> state(String channel) {
        IntakeChannel known = known(channel);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("channel", known.id());
        ChannelSuspension suspension = suspended.get(known.id());
        state.put("state", suspension == null ? RECEIVING : SUSPENDED);
        if (suspension != null) {
            state.put("reason", suspension.reason());
            state.put("by", suspension.operator());
            state.put("since", suspension.since().toString());
        }
        return state;
    }

    public ChannelSuspension suspend(String channel, String operator, String reason) {
        IntakeChannel known = known(channel);
        String text = checkedReason(reason);
        ChannelSuspension suspension = new ChannelSuspension(known.id(), text, operator,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, suspension.channel());
            insert.setObject(2, OffsetDateTime.ofInstant(suspension.since(), ZoneOffset.UTC));
            insert.setString(3, operator);
            insert.setString(4, text);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw ApiProblem.conflict("Channel " + known.id() + " is already suspended");
            }
            throw new IllegalStateException("cannot suspend channel " + known.id(), e);
        }
        actions.record(new OperatorAction(null, suspension.since(), operator, OperatorAction.Kind.SUSPEND_CHANNEL,
                target(known), text, "intake suspended"));
        LOG.warn("Intake of channel {} suspended by {}: {}", known.id(), LogText.quote(operator), LogText.quote(text));
        refresh();
        return suspension;
    }

    /** @param reason optional: why the channel takes documents in again */
    public ChannelSuspension resume(String channel, String operator, String reason) {
        IntakeChannel known = known(channel);
        String text = reason == null || reason.isBlank() ? null : checkedReason(reason);
        ChannelSuspension was = read().get(known.id());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setString(1, known.id());
            if (delete.executeUpdate() == 0) {
                throw ApiProblem.conflict("Channel " + known.id() + " is not suspended");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot resume channel " + known.id(), e);
        }
        actions.record(new OperatorAction(null, clock.instant(), operator, OperatorAction.Kind.RESUME_CHANNEL,
                target(known), text, was == null ? "intake resumed"
                        : "intake resumed (suspended since " + was.since() + " by " + was.operator() + ")"));
        LOG.warn("Intake of channel {} resumed by {}", known.id(), LogText.quote(operator));
        refresh();
        return was;
    }

    /** Reads the table again into this instance's copy, then runs the after-refresh actions. */
    public synchronized void refresh() {
        try {
            suspended = read();
            if (readFailing) {
                LOG.info("Channel suspensions are read from the database again");
            }
            readFailing = false;
        } catch (IllegalStateException e) {
            if (!readFailing) {
                LOG.warn("Cannot read channel suspensions, keeping the last known ({}): {}", suspended.keySet(),
                        LogText.of(e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
            }
            readFailing = true;
        }
        afterRefresh.forEach(Runnable::run);
    }

    private Map<String, ChannelSuspension> read() {
        Map<String, ChannelSuspension> rows = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT);
             ResultSet result = select.executeQuery()) {
            while (result.next()) {
                Instant since = result.getObject("suspended_at", OffsetDateTime.class).toInstant();
                rows.put(result.getString("channel"), new ChannelSuspension(result.getString("channel"),
                        result.getString("reason"), result.getString("operator_login"), since));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read channel suspensions", e);
        }
        return Map.copyOf(rows);
    }

    private IntakeChannel known(String channel) {
        IntakeChannel known = channel == null ? null : channels.get(channel);
        if (known == null) {
            throw ApiProblem.notFound("No such channel: " + LogText.of(channel));
        }
        return known;
    }

    private static String target(IntakeChannel channel) {
        return "channel/" + channel.id();
    }

    /** Required, one line, at most {@value #MAX_REASON} characters: it is shown in health, the console and the audit. */
    static String checkedReason(String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            throw ApiProblem.badRequest("A reason is required");
        }
        if (text.length() > MAX_REASON) {
            throw ApiProblem.badRequest("The reason is longer than " + MAX_REASON + " characters");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw ApiProblem.badRequest("The reason must be one line of text, without control characters");
        }
        return text;
    }
}

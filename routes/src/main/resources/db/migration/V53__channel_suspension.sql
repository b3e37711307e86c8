-- Channels whose intake an operator has suspended (issue 14): one row per suspended channel, deleted on resume. Every
-- hub instance reads this table (at start and every hub.observe.channel-refresh-period ms) and honours it; the history
-- of suspensions and resumptions is in operator_action. Runs unchanged on H2 and PostgreSQL.
CREATE TABLE channel_suspension (
    channel         VARCHAR(64)   PRIMARY KEY,
    suspended_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    operator_login  VARCHAR(128)  NOT NULL,
    reason          VARCHAR(500)  NOT NULL
);

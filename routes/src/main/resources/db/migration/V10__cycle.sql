-- Reporting cycle (issue 6). Runs unchanged on H2 2.3 and PostgreSQL 15.

-- Reminders already sent. The primary key is the "never twice" rule: one reminder per agency, plan,
-- reporting year and offset from the due date, whatever restarts happen. A row is written (claimed)
-- before the reminder is handed to its transport and removed again only when that hand-over fails.
CREATE TABLE cycle_reminder (
    agency         VARCHAR(64)   NOT NULL,
    plan_id        VARCHAR(64)   NOT NULL,
    report_year    INTEGER       NOT NULL,
    offset_days    INTEGER       NOT NULL,
    channel        VARCHAR(8)    NOT NULL,
    recipient      VARCHAR(1024) NOT NULL,
    missing_items  TEXT          NOT NULL,
    sent_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (agency, plan_id, report_year, offset_days)
);

-- Consolidated reports. A draft is built from the store (scheduled after the agencies' due date, or on
-- demand); approving it gives it the next version number of its plan and year. report_json is the
-- consolidated report exactly as approved (XML and PDF are rendered from it); inputs_sha256 fingerprints
-- the set of submissions it was built from, so the schedule does not rebuild an unchanged draft.
CREATE TABLE consolidation (
    consolidation_id  VARCHAR(36)   NOT NULL PRIMARY KEY,
    plan_id           VARCHAR(64)   NOT NULL,
    report_year       INTEGER       NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by        VARCHAR(128)  NOT NULL,
    inputs_sha256     CHAR(64)      NOT NULL,
    report_json       TEXT          NOT NULL,
    approved_version  INTEGER,
    approved_at       TIMESTAMP WITH TIME ZONE,
    approved_by       VARCHAR(128),
    manifest_json     TEXT,
    manifest_sha256   CHAR(64),
    CONSTRAINT uq_consolidation_version UNIQUE (plan_id, report_year, approved_version)
);
CREATE INDEX ix_consolidation_plan_year ON consolidation (plan_id, report_year, status);

-- The hub's store. Runs unchanged on H2 (default) and PostgreSQL.
-- Version ranges per capability, so parallel work never collides:
--   V1..V9 pipeline/store, V10..V19 reporting cycle, V20..V29 operators, V30..V39 mail, V40..V49 sftp.

-- Every envelope, logged before it is judged. The bytes live in the file store under
-- hub.data-dir (body_path, relative to it); sha256 is of exactly those bytes.
CREATE TABLE message_log (
    submission_id  VARCHAR(36)   NOT NULL PRIMARY KEY,
    channel        VARCHAR(20)   NOT NULL,
    login          VARCHAR(128),
    agency         VARCHAR(64),
    transport_id   VARCHAR(1024) NOT NULL,
    file_name      VARCHAR(1024),
    content_type   VARCHAR(255),
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    logged_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    size_bytes     BIGINT        NOT NULL,
    sha256         CHAR(64)      NOT NULL,
    body_path      VARCHAR(1024) NOT NULL
);

-- One row per judged document, whatever the verdict. receipt_json is the receipt exactly as sent;
-- feed_json the normalized feed message (accepted only). A correction sets superseded_by on the
-- submission it replaces; nothing is ever deleted, so history is the table itself.
CREATE TABLE submission (
    submission_id  VARCHAR(36)   NOT NULL PRIMARY KEY,
    channel        VARCHAR(20)   NOT NULL,
    agency         VARCHAR(64),
    report_id      VARCHAR(64),
    plan_id        VARCHAR(64),
    report_year    INTEGER,
    status         VARCHAR(16)   NOT NULL,
    late           BOOLEAN       NOT NULL,
    correction_of  VARCHAR(64),
    superseded_by  VARCHAR(36),
    duplicate_of   VARCHAR(36),
    sha256         CHAR(64)      NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    processed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    receipt_json   TEXT          NOT NULL,
    feed_json      TEXT
);
CREATE INDEX ix_submission_agency_year ON submission (agency, plan_id, report_year);
CREATE INDEX ix_submission_report ON submission (report_id);

-- Uniqueness that makes redelivery and resending harmless: one accepted document per agency and
-- content hash, one accepted submission per report id.
CREATE TABLE accepted_document (
    agency         VARCHAR(64)   NOT NULL,
    sha256         CHAR(64)      NOT NULL,
    submission_id  VARCHAR(36)   NOT NULL,
    PRIMARY KEY (agency, sha256)
);
CREATE TABLE accepted_report (
    report_id      VARCHAR(64)   NOT NULL PRIMARY KEY,
    submission_id  VARCHAR(36)   NOT NULL
);

-- Item entries of accepted submissions (the rows the matrix and consolidation read).
CREATE TABLE item_entry (
    submission_id      VARCHAR(36)  NOT NULL,
    item_number        VARCHAR(16)  NOT NULL,
    agency             VARCHAR(64)  NOT NULL,
    plan_id            VARCHAR(64)  NOT NULL,
    report_year        INTEGER      NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    narrative_ru       TEXT,
    narrative_kk       TEXT,
    completion_type    VARCHAR(255),
    completion_number  VARCHAR(255),
    completion_date    DATE,
    completion_title   TEXT,
    expenses_planned   DECIMAL(18, 3),
    expenses_actual    DECIMAL(18, 3),
    expenses_source    VARCHAR(255),
    entry_json         TEXT         NOT NULL,
    PRIMARY KEY (submission_id, item_number)
);
CREATE INDEX ix_item_entry_cell ON item_entry (plan_id, report_year, agency, item_number);

-- The Government package of an approved consolidation (XML, JSON, PDF, manifest, manifest hash), written in
-- the approval's own transaction: approved means all five parts are here. The relay (GovernmentOutbox) sends
-- every part not yet sent to government.outbox, with a duplicate-detection id, and then sets sent_at; after a
-- crash it sends again what has no sent_at, and the broker drops a part that had already gone out.
CREATE TABLE government_outbox (
    consolidation_id  VARCHAR(36)   NOT NULL,
    part_kind         VARCHAR(32)   NOT NULL,
    part_order        INTEGER       NOT NULL,
    file_name         VARCHAR(255)  NOT NULL,
    media_type        VARCHAR(64)   NOT NULL,
    sha256            CHAR(64)      NOT NULL,
    body_base64       TEXT          NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at           TIMESTAMP WITH TIME ZONE,
    attempts          INTEGER       NOT NULL,
    last_error        VARCHAR(1024),
    PRIMARY KEY (consolidation_id, part_kind)
);
CREATE INDEX ix_government_outbox_unsent ON government_outbox (sent_at, created_at);

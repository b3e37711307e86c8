-- Mail channel: the receipts of one mail are collected here until all have arrived, then answered in
-- one reply. Rows survive a restart, so a mail half-answered before a crash is completed after it.
-- Runs unchanged on H2 and PostgreSQL.

-- One row per mail whose documents went to hub.intake (written before the first envelope is sent).
CREATE TABLE mail_inbound (
    message_id    VARCHAR(1024) NOT NULL PRIMARY KEY,
    sender        VARCHAR(320)  NOT NULL,
    agency        VARCHAR(64)   NOT NULL,
    subject       VARCHAR(2000),
    mail_refs     VARCHAR(4000),
    batch_size    INTEGER       NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    replied_at    TIMESTAMP WITH TIME ZONE
);

-- One row per receipt of a document of such a mail; redelivered receipts hit the key and are ignored.
CREATE TABLE mail_receipt (
    message_id    VARCHAR(1024) NOT NULL,
    batch_index   INTEGER       NOT NULL,
    file_name     VARCHAR(1024),
    status        VARCHAR(16),
    receipt_json  TEXT          NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (message_id, batch_index)
);

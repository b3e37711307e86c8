-- Files the hub has taken from agencies' own SFTP servers (remote polling). One row per file version
-- (key = name-size-mtime) and polling route; a row is written when the envelope was handed to the
-- pipeline and the remote move is committed, so a restart or a second hub instance never takes it again.
CREATE TABLE sftp_remote_taken (
    processor_name VARCHAR(100)  NOT NULL,
    message_id     VARCHAR(1024) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (processor_name, message_id)
);

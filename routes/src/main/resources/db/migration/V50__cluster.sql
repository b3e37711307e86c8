-- Hub instances sharing one database (issue 12). cluster_lease: one row per singleton namespace (IMAP polling,
-- remote SFTP polling, the outbox relays); the instance named in holder runs it until expires_at (epoch ms of the
-- holder's clock), renewing well before; another instance takes the row over only once it has expired
-- (LeaseClusterService). hub_lock: rows locked with SELECT ... FOR UPDATE for work that must not run twice at once
-- on any instance (DatabaseLock), e.g. building a draft consolidated report.
CREATE TABLE cluster_lease (
    namespace   VARCHAR(100)  NOT NULL PRIMARY KEY,
    holder      VARCHAR(200)  NOT NULL,
    expires_at  BIGINT        NOT NULL
);
CREATE TABLE hub_lock (
    lock_name   VARCHAR(100)  NOT NULL PRIMARY KEY
);
INSERT INTO hub_lock (lock_name) VALUES ('consolidation-draft');

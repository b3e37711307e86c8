-- A reply the SMTP server refused for good (a 5xx answer: no such mailbox, a relay it does not do, a message it
-- will never take) is kept with undeliverable_at set and the server's answer in last_error, and no longer tried:
-- retrying would be refused the same way for ever. The operator sees it in the submission's trail
-- (MAIL_REPLY_UNDELIVERABLE) and in the hub's log. Runs unchanged on H2 and PostgreSQL.
ALTER TABLE mail_outbox ADD COLUMN undeliverable_at TIMESTAMP WITH TIME ZONE;

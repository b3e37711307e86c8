-- E-mail reminders leave through an outbox (issue 11). cycle_reminder already held the claim of each reminder
-- (its primary key: one reminder per agency, plan, year and offset); its row now is also the reminder's outbox
-- entry: the claim writes what is sent (recipient, subject, text, Message-ID) with delivered_at empty, in the one
-- INSERT that claims it, and the relay (ReminderOutbox) sends every e-mail reminder without delivered_at, with
-- back-off after a refusal, and then sets delivered_at. sent_at keeps its name and now means "claimed". A queue
-- reminder is recorded once the broker has it, so it is delivered when its row is written. Rows written before
-- (claimed and handed to SMTP at once) count as delivered. Runs unchanged on H2 and PostgreSQL.
ALTER TABLE cycle_reminder ADD COLUMN message_id VARCHAR(255);
ALTER TABLE cycle_reminder ADD COLUMN subject VARCHAR(1024);
ALTER TABLE cycle_reminder ADD COLUMN body TEXT;
ALTER TABLE cycle_reminder ADD COLUMN delivered_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE cycle_reminder ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE cycle_reminder ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE cycle_reminder ADD COLUMN last_error VARCHAR(1024);
UPDATE cycle_reminder SET delivered_at = sent_at;
CREATE INDEX ix_cycle_reminder_undelivered ON cycle_reminder (delivered_at, next_attempt_at);

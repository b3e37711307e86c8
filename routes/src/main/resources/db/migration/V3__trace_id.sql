-- The trace (OpenTelemetry, W3C trace id in lower-case hex) a document travelled in, so an operator can go from
-- a submission to its spans and log lines; null when tracing was off.
ALTER TABLE message_log ADD COLUMN trace_id VARCHAR(32);

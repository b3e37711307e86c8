-- Every text the report schema allows must fit its column (a valid document must never fail its insert).
-- $defs/name allows 300 characters; H2 counts UTF-16 units (a character outside the BMP counts twice),
-- so 600. SchemaLimitsStoreTest proves each schema limit against H2 and PostgreSQL.
ALTER TABLE item_entry ALTER COLUMN completion_type SET DATA TYPE VARCHAR(600);
ALTER TABLE item_entry ALTER COLUMN completion_number SET DATA TYPE VARCHAR(600);
ALTER TABLE item_entry ALTER COLUMN expenses_source SET DATA TYPE VARCHAR(600);

-- EventCore PostgreSQL schema, migration 5: index for type-filtered global reads
-- Generated from eventcore-postgres (Schema.java) for schema "public"; to use another schema, replace every
-- "public" below and the NOTIFY channel 'eventcore_public' (eventcore_<schema>). Apply the files in order.
-- The last statement records the migration, so PostgresEventStore.initialize() sees the schema as current.

CREATE INDEX events_type_tx_position_idx ON "public".events (event_type, tx_id, position);

INSERT INTO "public".eventcore_schema_migrations (version, description) VALUES (5, 'index for type-filtered global reads');

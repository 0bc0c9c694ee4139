-- EventCore PostgreSQL schema, migration 6: append notifications sent after commit, not by a trigger
-- Generated from eventcore-postgres (Migrations.java) for schema "public"; to use another schema, replace every
-- "public" below and the NOTIFY channel 'eventcore_public' (eventcore_<schema>). Apply the files in order.
-- The last statement records the migration, so PostgresEventStore.initialize() sees the schema as current.

DROP TRIGGER IF EXISTS events_notify_append ON "public".events;
DROP FUNCTION IF EXISTS "public".eventcore_notify_append();

INSERT INTO "public".eventcore_schema_migrations (version, description) VALUES (6, 'append notifications sent after commit, not by a trigger');

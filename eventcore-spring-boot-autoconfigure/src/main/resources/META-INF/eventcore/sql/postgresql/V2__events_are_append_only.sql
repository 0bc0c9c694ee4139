-- EventCore PostgreSQL schema, migration 2: events are append-only
-- Generated from eventcore-postgres (Schema.java) for schema "public"; to use another schema, replace every
-- "public" below and the NOTIFY channel 'eventcore_public' (eventcore_<schema>). Apply the files in order.
-- The last statement records the migration, so PostgresEventStore.initialize() sees the schema as current.

CREATE FUNCTION "public".eventcore_reject_event_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'EC403',
    MESSAGE = format('events are append-only: %s on %I.%I is rejected', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME),
    HINT = 'append new events to correct old ones';
END $fn$;
CREATE TRIGGER events_reject_update BEFORE UPDATE ON "public".events
    FOR EACH ROW EXECUTE FUNCTION "public".eventcore_reject_event_change();
CREATE TRIGGER events_reject_delete BEFORE DELETE ON "public".events
    FOR EACH ROW EXECUTE FUNCTION "public".eventcore_reject_event_change();

INSERT INTO "public".eventcore_schema_migrations (version, description) VALUES (2, 'events are append-only');

-- EventCore PostgreSQL schema, migration 4: projection checkpoints and append notifications
-- Generated from eventcore-postgres (Schema.java) for schema "public"; to use another schema, replace every
-- "public" below and the NOTIFY channel 'eventcore_public' (eventcore_<schema>). Apply the files in order.
-- The last statement records the migration, so PostgresEventStore.initialize() sees the schema as current.

CREATE TABLE "public".projection_checkpoints (
    projection    VARCHAR(200) PRIMARY KEY,
    tx_id         XID8,
    position      BIGINT,
    fencing_token BIGINT       NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK ((tx_id IS NULL) = (position IS NULL))
);
COMMENT ON TABLE "public".projection_checkpoints IS
  'EventCore: per projection, the last (tx_id, position) processed and the fencing token of its current leader';
CREATE FUNCTION "public".eventcore_notify_append() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('eventcore_public', '');
  RETURN NULL;
END $fn$;
CREATE TRIGGER events_notify_append AFTER INSERT ON "public".events
    FOR EACH STATEMENT EXECUTE FUNCTION "public".eventcore_notify_append();

INSERT INTO "public".eventcore_schema_migrations (version, description) VALUES (4, 'projection checkpoints and append notifications');

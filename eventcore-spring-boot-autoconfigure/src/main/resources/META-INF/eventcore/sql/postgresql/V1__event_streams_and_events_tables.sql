-- EventCore PostgreSQL schema, migration 1: event_streams and events tables
-- Generated from eventcore-postgres (Schema.java) for schema "public"; to use another schema, replace every
-- "public" below and the NOTIFY channel 'eventcore_public' (eventcore_<schema>). Apply the files in order.
-- The last statement records the migration, so PostgresEventStore.initialize() sees the schema as current.

CREATE TABLE IF NOT EXISTS "public".eventcore_schema_migrations (version INT PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());

CREATE TABLE "public".event_streams (
    stream_id  VARCHAR(255) PRIMARY KEY,
    version    BIGINT       NOT NULL DEFAULT 0 CHECK (version >= 0),
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE TABLE "public".events (
    event_id   UUID         NOT NULL,
    stream_id  VARCHAR(255) NOT NULL REFERENCES "public".event_streams (stream_id),
    version    BIGINT       NOT NULL CHECK (version >= 1),
    event_type VARCHAR(255) NOT NULL,
    event_data JSONB        NOT NULL,
    metadata   JSONB        NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    tx_id      XID8         NOT NULL DEFAULT pg_current_xact_id(),
    position   BIGINT       NOT NULL GENERATED ALWAYS AS IDENTITY,
    CONSTRAINT events_pkey PRIMARY KEY (event_id),
    CONSTRAINT events_stream_version_key UNIQUE (stream_id, version)
);
CREATE INDEX events_tx_position_idx ON "public".events (tx_id, position);
COMMENT ON TABLE "public".event_streams IS 'EventCore: one row per stream, version = version of its last event';
COMMENT ON TABLE "public".events IS 'EventCore: append-only event log';
COMMENT ON COLUMN "public".events.tx_id IS 'writing transaction; global order is (tx_id, position), read below pg_snapshot_xmin';

INSERT INTO "public".eventcore_schema_migrations (version, description) VALUES (1, 'event_streams and events tables');

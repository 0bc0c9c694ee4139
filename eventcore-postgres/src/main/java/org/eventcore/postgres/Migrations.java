package org.eventcore.postgres;

import java.util.List;

/**
 * The store's DDL as versioned migrations, in the order {@link SchemaMigrator} applies them; each is one
 * transaction, qualified with the configured schema. A migration, once released, is never edited: a change to the
 * schema is a new migration at the end of the list. docs/POSTGRES.md ("Schema") shows the resulting tables. The
 * file is long because it is the released DDL itself, one method per migration, kept together so that the whole
 * schema history reads in order.
 */
final class Migrations {
  /**
   * The version of the state-snapshot migration (after 7, idempotency keys, and 8, the compare-and-set append);
   * tests name it through this constant.
   */
  static final int SNAPSHOTS_VERSION = 9;

  /** One step of the schema: its version (1, 2, ...), what it adds (recorded with it) and its DDL. */
  record Migration(int version, String description, String sql) {}

  private final String channel;
  private final String q;

  private Migrations(Schema schema) {
    this.channel = schema.notifyChannel;
    this.q = schema.q;
  }

  /** Every migration of {@code schema}, in version order. */
  static List<Migration> of(Schema schema) {
    Migrations m = new Migrations(schema);
    return List.of(
        new Migration(1, "event_streams and events tables", m.tables()),
        new Migration(2, "events are append-only", m.immutability()),
        new Migration(3, "eventcore_append function", m.appendFunction()),
        new Migration(4, "projection checkpoints and append notifications", m.projections()),
        // without it, a projection of a rare type scans the whole log on every poll (see PostgresQueryPlanTest)
        new Migration(5, "index for type-filtered global reads",
            "CREATE INDEX events_type_tx_position_idx ON " + m.q + ".events (event_type, tx_id, position)"),
        // a NOTIFY in the append transaction serializes the commits of the whole server; AppendNotifier sends one
        // after commit instead, coalesced
        new Migration(6, "append notifications sent after commit, not by a trigger", m.dropNotifyTrigger()),
        new Migration(7, "command idempotency keys", m.commandKeys()),
        // the head lock of migration 3 (SELECT ... FOR NO KEY UPDATE, then UPDATE) wrote a lock record and an update
        // per written stream; the compare-and-set UPDATE alone locks the row and checks it in one step
        new Migration(8, "eventcore_append locks written heads by their compare-and-set", m.casAppendFunction()),
        // a cache beside the log, so its rows may be replaced and deleted; the events stay append-only
        new Migration(SNAPSHOTS_VERSION, "state_snapshots table", m.snapshots()));
  }

  /** Creates the table of applied migrations when missing. No parameters. */
  static String createMigrationsTableSql(Schema schema) {
    return "CREATE TABLE IF NOT EXISTS " + schema.q + "." + Schema.MIGRATIONS_TABLE + " ("
        + "version INT PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())";
  }

  /** Records an applied migration. Parameters: version, description. */
  static String recordMigrationSql(Schema schema) {
    return "INSERT INTO " + schema.q + "." + Schema.MIGRATIONS_TABLE + " (version, description) VALUES (?, ?)";
  }

  private String tables() {
    return """
        CREATE TABLE %1$s.event_streams (
            stream_id  VARCHAR(255) PRIMARY KEY,
            version    BIGINT       NOT NULL DEFAULT 0 CHECK (version >= 0),
            updated_at TIMESTAMPTZ  NOT NULL DEFAULT now()
        );
        CREATE TABLE %1$s.events (
            event_id   UUID         NOT NULL,
            stream_id  VARCHAR(255) NOT NULL REFERENCES %1$s.event_streams (stream_id),
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
        CREATE INDEX events_tx_position_idx ON %1$s.events (tx_id, position);
        COMMENT ON TABLE %1$s.event_streams IS 'EventCore: one row per stream, version = version of its last event';
        COMMENT ON TABLE %1$s.events IS 'EventCore: append-only event log';
        COMMENT ON COLUMN %1$s.events.tx_id IS 'writing transaction; global order is (tx_id, position), read below pg_snapshot_xmin';
        """.formatted(q);
  }

  private String immutability() {
    return """
        CREATE FUNCTION %1$s.eventcore_reject_event_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
          RAISE EXCEPTION USING ERRCODE = '%2$s',
            MESSAGE = format('events are append-only: %%s on %%I.%%I is rejected', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME),
            HINT = 'append new events to correct old ones';
        END $fn$;
        CREATE TRIGGER events_reject_update BEFORE UPDATE ON %1$s.events
            FOR EACH ROW EXECUTE FUNCTION %1$s.eventcore_reject_event_change();
        CREATE TRIGGER events_reject_delete BEFORE DELETE ON %1$s.events
            FOR EACH ROW EXECUTE FUNCTION %1$s.eventcore_reject_event_change();
        """.formatted(q, Schema.IMMUTABLE);
  }

  /**
   * The first {@code eventcore_append}, replaced by migration 8 ({@link #casAppendFunction}, same signature).
   * One round trip per append. Arguments: the request's streams in sorted order with their expected versions and
   * how many events each receives (0 = read-only participant), then the events column by column. Steps:
   * <ol>
   *   <li>lock every stream head in the given order (FOR NO KEY UPDATE when written, FOR SHARE when only read),
   *       first creating the head at version 0 for a stream expected to be new, so that even an absent stream is
   *       locked;</li>
   *   <li>compare every head with its expected version; on a mismatch, if the first event id is already stored
   *       this is a retry of an append that committed (its written heads moved, so it always mismatches): verify
   *       and return the stored versions without writing; otherwise raise EC409 with all conflicts. The events
   *       table is not read on the path without conflicts;</li>
   *   <li>compare-and-set each written head ({@code WHERE version = expected});</li>
   *   <li>insert the events in one statement; UNIQUE (stream_id, version) is the backstop.</li>
   * </ol>
   */
  private String appendFunction() {
    return """
        %6$s
        DECLARE
          n int := coalesce(array_length(p_streams, 1), 0);
          m int := coalesce(array_length(p_ids, 1), 0);
          actual bigint[] := '{}';
          v_head bigint;
          stored int;
          conflicts jsonb := '[]';
        BEGIN
          replayed := false;
          FOR i IN 1..n LOOP
            IF p_expected[i] = 0 THEN
              INSERT INTO %1$s.event_streams (stream_id, version) VALUES (p_streams[i], 0) ON CONFLICT (stream_id) DO NOTHING;
            END IF;
            v_head := NULL;
            IF p_counts[i] > 0 THEN
              SELECT h.version INTO v_head FROM %1$s.event_streams h WHERE h.stream_id = p_streams[i] FOR NO KEY UPDATE;
            ELSE
              SELECT h.version INTO v_head FROM %1$s.event_streams h WHERE h.stream_id = p_streams[i] FOR SHARE;
            END IF;
            actual[i] := coalesce(v_head, 0);
          END LOOP;

          FOR i IN 1..n LOOP
            IF actual[i] <> p_expected[i] THEN
              conflicts := conflicts || jsonb_build_array(jsonb_build_object(
                'stream', p_streams[i], 'expected', p_expected[i], 'actual', actual[i]));
            END IF;
          END LOOP;
          IF jsonb_array_length(conflicts) > 0 THEN
            -- a written stream only moves past the expected version of an append that committed, so a retry of
            -- one whose acknowledgement was lost always lands here: recognise it by its first event id
            IF m > 0 AND EXISTS (SELECT 1 FROM %1$s.events e WHERE e.event_id = p_ids[1]) THEN
        %4$s
            END IF;
            RAISE EXCEPTION USING ERRCODE = '%2$s', MESSAGE = 'version conflict', DETAIL = conflicts::text;
          END IF;

          new_versions := p_expected;
          FOR i IN 1..n LOOP
            IF p_counts[i] > 0 THEN
              UPDATE %1$s.event_streams SET version = version + p_counts[i], updated_at = now()
                WHERE stream_id = p_streams[i] AND version = p_expected[i];
              IF NOT FOUND THEN
                RAISE EXCEPTION USING ERRCODE = '%2$s', MESSAGE = 'version conflict',
                  DETAIL = jsonb_build_array(jsonb_build_object('stream', p_streams[i], 'expected', p_expected[i],
                    'actual', (SELECT h.version FROM %1$s.event_streams h WHERE h.stream_id = p_streams[i])))::text;
              END IF;
              new_versions[i] := p_expected[i] + p_counts[i];
            END IF;
          END LOOP;

        %5$s
        END $fn$;
        """.formatted(q, Schema.VERSION_CONFLICT, Schema.NOT_A_RETRY, replayOfACommittedAppend(), insertEvents(),
            appendFunctionHeader());
  }

  /**
   * {@code eventcore_append} again (same signature and result), with the written heads locked by their
   * compare-and-set itself. Steps, over the streams in the given (sorted) order, stopping at the first that fails:
   * <ol>
   *   <li>a written stream: {@code UPDATE ... SET version = version + count WHERE version = expected} (for an
   *       expected 0: {@code INSERT} the head at its new version, or on conflict update a head still at 0); no row
   *       means stale. A read-only participant: its head is created at 0 when expected to be new and locked
   *       {@code FOR SHARE}, then compared. Rows are locked in one global order, so appends cannot deadlock;</li>
   *   <li>a stale stream: if no head was written yet and the first event id is already stored, this is a retry of
   *       an append that committed (its first written head moved, so it stops there before writing): verify and
   *       return the stored versions without writing. Otherwise raise EC409 naming the stale stream and every
   *       later one whose head differs from its expected version (heads before it matched);</li>
   *   <li>insert the events in one statement; UNIQUE (stream_id, version) is the backstop.</li>
   * </ol>
   */
  private String casAppendFunction() {
    return """
        %6$s
        DECLARE
          n int := coalesce(array_length(p_streams, 1), 0);
          m int := coalesce(array_length(p_ids, 1), 0);
          v_head bigint;
          failed int := 0;
          wrote boolean := false;
          stored int;
          conflicts jsonb := '[]';
        BEGIN
          replayed := false;
          new_versions := p_expected;
          FOR i IN 1..n LOOP
            IF p_counts[i] > 0 THEN
              IF p_expected[i] = 0 THEN
                INSERT INTO %1$s.event_streams AS h (stream_id, version) VALUES (p_streams[i], p_counts[i])
                  ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, updated_at = now() WHERE h.version = 0;
              ELSE
                UPDATE %1$s.event_streams SET version = version + p_counts[i], updated_at = now()
                  WHERE stream_id = p_streams[i] AND version = p_expected[i];
              END IF;
              IF NOT FOUND THEN
                failed := i;
                EXIT;
              END IF;
              wrote := true;
              new_versions[i] := p_expected[i] + p_counts[i];
            ELSE
              IF p_expected[i] = 0 THEN
                INSERT INTO %1$s.event_streams (stream_id, version) VALUES (p_streams[i], 0) ON CONFLICT (stream_id) DO NOTHING;
              END IF;
              v_head := NULL;
              SELECT h.version INTO v_head FROM %1$s.event_streams h WHERE h.stream_id = p_streams[i] FOR SHARE;
              IF coalesce(v_head, 0) <> p_expected[i] THEN
                failed := i;
                EXIT;
              END IF;
            END IF;
          END LOOP;

          IF failed > 0 THEN
            -- a written stream only moves past the expected version of an append that committed, so a retry of one
            -- whose acknowledgement was lost stops at its first written stream: recognise it by its first event id
            IF NOT wrote AND m > 0 AND EXISTS (SELECT 1 FROM %1$s.events e WHERE e.event_id = p_ids[1]) THEN
        %4$s
            END IF;
            FOR j IN failed..n LOOP
              v_head := coalesce((SELECT h.version FROM %1$s.event_streams h WHERE h.stream_id = p_streams[j]), 0);
              IF v_head <> p_expected[j] THEN
                conflicts := conflicts || jsonb_build_array(jsonb_build_object(
                  'stream', p_streams[j], 'expected', p_expected[j], 'actual', v_head));
              END IF;
            END LOOP;
            IF jsonb_array_length(conflicts) = 0 THEN
              -- the head moved back to the expected version since the failed step (only a reset store does that)
              conflicts := jsonb_build_array(jsonb_build_object(
                'stream', p_streams[failed], 'expected', p_expected[failed], 'actual', p_expected[failed]));
            END IF;
            RAISE EXCEPTION USING ERRCODE = '%2$s', MESSAGE = 'version conflict', DETAIL = conflicts::text;
          END IF;

        %5$s
        END $fn$;
        """.formatted(q, Schema.VERSION_CONFLICT, Schema.NOT_A_RETRY, replayOfACommittedAppend(), insertEvents(),
            appendFunctionHeader());
  }

  /**
   * The table of idempotency keys and the keyed append, {@code eventcore_append_keyed}: the arguments of
   * {@code eventcore_append} preceded by the key, the command type and the command's declared streams (sorted).
   * Steps, in the append's one transaction: insert the key with the append's result (the expected versions plus
   * the event counts: what a successful append returns) and its event ids, {@code ON CONFLICT DO NOTHING}; a
   * concurrent insert of the same key waits here for the other transaction, so one key commits once. Inserted: run
   * {@code eventcore_append}, whose failure rolls the key back with everything else. Not inserted (the key is
   * stored): write nothing and return the stored row, which the caller compares with its command (another command
   * is bad input; its own event ids mean the retry of this very append; otherwise a replay). One row: the
   * append's two columns, whether the key was found stored, then the stored command type, command streams,
   * streams, stream versions, event ids and time (null when not found).
   */
  private String commandKeys() {
    return """
        CREATE TABLE %1$s.command_keys (
            idempotency_key VARCHAR(200) PRIMARY KEY,
            command_type    VARCHAR(255) NOT NULL,
            command_streams TEXT[]       NOT NULL,
            streams         TEXT[]       NOT NULL,
            stream_versions BIGINT[]     NOT NULL,
            event_ids       UUID[]       NOT NULL,
            created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
            CHECK (cardinality(streams) = cardinality(stream_versions))
        );
        COMMENT ON TABLE %1$s.command_keys IS
          'EventCore: one row per command execution committed under an idempotency key, written with its events';
        CREATE FUNCTION %1$s.eventcore_append_keyed(
            p_key text, p_command_type text, p_command_streams text[],
            p_streams text[], p_expected bigint[], p_counts int[],
            p_ids uuid[], p_event_streams text[], p_versions bigint[], p_types text[], p_data text[], p_metadata text[],
            OUT new_versions bigint[], OUT replayed boolean, OUT key_found boolean, OUT key_command_type text,
            OUT key_command_streams text[], OUT key_streams text[], OUT key_stream_versions bigint[],
            OUT key_event_ids uuid[], OUT key_created_at timestamptz)
        LANGUAGE plpgsql AS $fn$
        BEGIN
          INSERT INTO %1$s.command_keys
              (idempotency_key, command_type, command_streams, streams, stream_versions, event_ids)
          VALUES (p_key, p_command_type, p_command_streams, p_streams,
                  ARRAY(SELECT x.e + x.c FROM unnest(p_expected, p_counts) WITH ORDINALITY AS x(e, c, o) ORDER BY x.o),
                  coalesce(p_ids, '{}'))
          ON CONFLICT (idempotency_key) DO NOTHING;
          IF FOUND THEN
            key_found := false;
            SELECT a.new_versions, a.replayed INTO new_versions, replayed
            FROM %1$s.eventcore_append(p_streams, p_expected, p_counts, p_ids, p_event_streams, p_versions, p_types,
                                       p_data, p_metadata) a;
            RETURN;
          END IF;
          key_found := true;
          replayed := true;
          SELECT k.command_type, k.command_streams, k.streams, k.stream_versions, k.event_ids, k.created_at
            INTO key_command_type, key_command_streams, key_streams, key_stream_versions, key_event_ids,
                 key_created_at
          FROM %1$s.command_keys k WHERE k.idempotency_key = p_key;
          new_versions := key_stream_versions;
        END $fn$;
        """.formatted(q);
  }

  /** The signature of {@code eventcore_append}, the same in migrations 3 and 8. */
  private String appendFunctionHeader() {
    return """
        CREATE OR REPLACE FUNCTION %1$s.eventcore_append(
            p_streams text[], p_expected bigint[], p_counts int[],
            p_ids uuid[], p_event_streams text[], p_versions bigint[], p_types text[], p_data text[], p_metadata text[],
            OUT new_versions bigint[], OUT replayed boolean)
        LANGUAGE plpgsql AS $fn$
        """.formatted(q, Schema.VERSION_CONFLICT, Schema.NOT_A_RETRY).stripTrailing();
  }

  /** The retry of an append that committed (its first event id is stored): verified and answered with the stored versions; migrations 3 and 8. */
  private String replayOfACommittedAppend() {
    return """
              SELECT count(*) INTO stored
              FROM unnest(p_ids, p_event_streams) AS r(id, s)
              JOIN %1$s.events e ON e.event_id = r.id AND e.stream_id = r.s;
              IF stored <> m THEN
                RAISE EXCEPTION USING ERRCODE = '%3$s',
                  MESSAGE = format('event id %%s is already stored, but %%s of the %%s events of this append are stored'
                    || ' on the same streams: an append is either new or a retry of an identical append', p_ids[1], stored, m);
              END IF;
              SELECT array_agg(greatest(p_expected[x.ord],
                       (SELECT max(e.version) FROM %1$s.events e WHERE e.event_id = ANY (p_ids) AND e.stream_id = x.s))
                     ORDER BY x.ord)
                INTO new_versions
              FROM unnest(p_streams) WITH ORDINALITY AS x(s, ord);
              replayed := true;
              RETURN;
        """.formatted(q, Schema.VERSION_CONFLICT, Schema.NOT_A_RETRY).stripTrailing();
  }

  /** The insert of an append's events, in request order; migrations 3 and 8. */
  private String insertEvents() {
    return """
          IF m > 0 THEN
            INSERT INTO %1$s.events (event_id, stream_id, version, event_type, event_data, metadata)
            SELECT r.id, r.s, r.v, r.t, r.d::jsonb, r.md::jsonb
            FROM unnest(p_ids, p_event_streams, p_versions, p_types, p_data, p_metadata)
                   WITH ORDINALITY AS r(id, s, v, t, d, md, ord)
            ORDER BY r.ord;
          END IF;
        """.formatted(q, Schema.VERSION_CONFLICT, Schema.NOT_A_RETRY).stripTrailing();
  }

  private String dropNotifyTrigger() {
    return """
        DROP TRIGGER IF EXISTS events_notify_append ON %1$s.events;
        DROP FUNCTION IF EXISTS %1$s.eventcore_notify_append();
        """.formatted(q);
  }

  private String snapshots() {
    return """
        CREATE TABLE %1$s.state_snapshots (
            snapshot_key     BYTEA        NOT NULL,
            snapshot_version INT          NOT NULL CHECK (snapshot_version >= 1),
            state_type       VARCHAR(255) NOT NULL,
            event_family     VARCHAR(255) NOT NULL,
            stream_ids       TEXT[]       NOT NULL,
            stream_versions  BIGINT[]     NOT NULL,
            total_version    BIGINT       NOT NULL CHECK (total_version >= 0),
            payload          JSONB        NOT NULL,
            updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
            CONSTRAINT state_snapshots_pkey PRIMARY KEY (snapshot_key, snapshot_version)
        );
        COMMENT ON TABLE %1$s.state_snapshots IS
          'EventCore: newest snapshot of a command state per fold (state type, event family, streams) and snapshot version; a cache, rows may be deleted at any time';
        COMMENT ON COLUMN %1$s.state_snapshots.snapshot_key IS 'SHA-256 of state_type, event_family and stream_ids';
        """.formatted(q);
  }

  private String projections() {
    return """
        CREATE TABLE %1$s.projection_checkpoints (
            projection    VARCHAR(200) PRIMARY KEY,
            tx_id         XID8,
            position      BIGINT,
            fencing_token BIGINT       NOT NULL,
            updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
            CHECK ((tx_id IS NULL) = (position IS NULL))
        );
        COMMENT ON TABLE %1$s.projection_checkpoints IS
          'EventCore: per projection, the last (tx_id, position) processed and the fencing token of its current leader';
        CREATE FUNCTION %1$s.eventcore_notify_append() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
          PERFORM pg_notify('%2$s', '');
          RETURN NULL;
        END $fn$;
        CREATE TRIGGER events_notify_append AFTER INSERT ON %1$s.events
            FOR EACH STATEMENT EXECUTE FUNCTION %1$s.eventcore_notify_append();
        """.formatted(q, channel);
  }
}

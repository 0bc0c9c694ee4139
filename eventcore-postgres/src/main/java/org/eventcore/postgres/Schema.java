package org.eventcore.postgres;

import java.util.List;

/**
 * The DDL of the store, as versioned migrations, and the statements the store runs, all qualified with the
 * configured schema (validated as an identifier by {@link PostgresConfig} and quoted here).
 */
final class Schema {
  /** SQLSTATE the append function raises on stale expected versions; DETAIL is a JSON array of conflicts. */
  static final String VERSION_CONFLICT = "EC409";
  /** SQLSTATE the append function raises when an append is neither new nor an identical retry. */
  static final String NOT_A_RETRY = "EC422";
  /** SQLSTATE of the triggers that keep events append-only. */
  static final String IMMUTABLE = "EC403";
  static final String STREAM_VERSION_CONSTRAINT = "events_stream_version_key";
  static final String EVENT_ID_CONSTRAINT = "events_pkey";
  static final String MIGRATIONS_TABLE = "eventcore_schema_migrations";

  record Migration(int version, String description, String sql) {}

  final String name;
  final String q;
  final List<Migration> migrations;
  final String appendSql;
  final String readStreamsSql;
  final String readStreamSql;
  final String actualVersionsSql;
  /**
   * The commit-safe global read the projection runner uses: events after a position, in (tx_id, position) order,
   * written only by transactions older than every transaction still running, so no event can later appear
   * behind a position already read.
   */
  final String readAllSql;
  final String eventIdExistsSql;
  /** The LISTEN/NOTIFY channel of this schema's appends (at most 63 characters, a valid identifier). */
  final String notifyChannel;
  final String checkpointSql;
  final String leadSql;
  final String fenceSql;
  final String saveCheckpointSql;
  final String horizonSql;

  Schema(String name) {
    this.name = name;
    this.q = '"' + name + '"';
    this.notifyChannel = channelFor(name);
    this.migrations = List.of(
        new Migration(1, "event_streams and events tables", tables()),
        new Migration(2, "events are append-only", immutability()),
        new Migration(3, "eventcore_append function", appendFunction()),
        new Migration(4, "projection checkpoints and append notifications", projections()),
        // without it, a projection of a rare type scans the whole log on every poll (see PostgresQueryPlanTest)
        new Migration(5, "index for type-filtered global reads",
            "CREATE INDEX events_type_tx_position_idx ON " + q + ".events (event_type, tx_id, position)"));
    this.appendSql = "SELECT new_versions, replayed FROM " + q + ".eventcore_append(?, ?, ?, ?, ?, ?, ?, ?, ?)";
    // Shaped so that every plan, the generic one a prepared statement switches to included, reaches the head
    // through its primary key (a SubPlan) and the events through (stream_id, version) (a LATERAL subquery that
    // ORDER BY keeps from being flattened): a plain join let the generic plan hash-join whole tables whenever
    // the statistics lagged behind a growing table (docs/BENCHMARKS.md, "The fix").
    this.readStreamsSql = """
        SELECT r.ord, r.head, e.event_id, e.version, e.event_type, e.event_data, e.metadata,
               e.created_at, e.tx_id, e.position
        FROM (SELECT u.stream_id, u.ord,
                     (SELECT h.version FROM %1$s.event_streams h WHERE h.stream_id = u.stream_id) AS head
              FROM unnest(?::text[]) WITH ORDINALITY AS u(stream_id, ord) OFFSET 0) r
        LEFT JOIN LATERAL (
          SELECT x.event_id, x.version, x.event_type, x.event_data::text AS event_data,
                 x.metadata::text AS metadata, x.created_at, x.tx_id::text AS tx_id, x.position
          FROM %1$s.events x
          WHERE x.stream_id = r.stream_id
          ORDER BY x.version) e ON true
        ORDER BY r.ord, e.version""".formatted(q);
    this.readStreamSql = """
        SELECT e.event_id, e.version, e.event_type, e.event_data::text, e.metadata::text,
               e.created_at, e.tx_id::text, e.position
        FROM %s.events e
        WHERE e.stream_id = ? AND e.version > ?
        ORDER BY e.version""".formatted(q);
    this.readAllSql = readAllSql(false, false, false);
    this.eventIdExistsSql = "SELECT 1 FROM " + q + ".events e WHERE e.event_id = ?";
    this.checkpointSql = "SELECT tx_id::text, position FROM " + q + ".projection_checkpoints"
        + " WHERE projection = ? AND position IS NOT NULL";
    // a stable 64-bit key per (schema, projection); a collision only makes two names share one lock
    this.leadSql = "SELECT pg_try_advisory_lock(hashtextextended(?, 0))";
    this.fenceSql = "INSERT INTO " + q + ".projection_checkpoints AS c (projection, fencing_token) VALUES (?, 1)"
        + " ON CONFLICT (projection) DO UPDATE SET fencing_token = c.fencing_token + 1, updated_at = now()"
        + " RETURNING c.fencing_token";
    this.saveCheckpointSql = "UPDATE " + q + ".projection_checkpoints SET tx_id = ?::text::xid8, position = ?,"
        + " updated_at = now() WHERE projection = ? AND fencing_token = ?";
    this.horizonSql = horizon();
    this.actualVersionsSql = "SELECT r.stream_id, coalesce(h.version, 0) FROM unnest(?::text[]) AS r(stream_id)"
        + " LEFT JOIN " + q + ".event_streams h ON h.stream_id = r.stream_id";
  }

  /**
   * The commit-safe global read with the filter's clauses, which come before the LIMIT. Parameters: the position
   * after which to read (xid8 as text, then sequence), then the filter's values in the order of
   * {@link #readAllSql(boolean, boolean, boolean)}'s clauses, then the limit.
   */
  String readAllSql(boolean types, boolean prefix, boolean pattern) {
    StringBuilder sql = new StringBuilder("""
        SELECT e.event_id, e.version, e.event_type, e.event_data::text, e.metadata::text,
               e.created_at, e.tx_id::text, e.position, e.stream_id
        FROM %s.events e
        WHERE (e.tx_id, e.position) > (?::text::xid8, ?)
          AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
        """.formatted(q));
    if (types) {
      sql.append("  AND e.event_type = ANY (?)\n");
    }
    if (prefix) {
      sql.append("  AND e.stream_id LIKE ? ESCAPE '\\'\n");
    }
    if (pattern) {
      sql.append("  AND e.stream_id ~ ?\n");
    }
    return sql.append("ORDER BY e.tx_id, e.position\nLIMIT ?").toString();
  }

  /** A channel name derived from the schema: {@code eventcore_<schema>}, shortened with a hash when too long. */
  static String channelFor(String schema) {
    String channel = "eventcore_" + schema;
    if (channel.length() <= 63) {
      return channel;
    }
    return "eventcore_" + schema.substring(0, 40) + "_" + Integer.toHexString(schema.hashCode());
  }

  /**
   * One round trip, one snapshot: the newest committed event, the committed events at or above the barrier
   * (written by transactions younger than the oldest one still running, so not yet readable), and the oldest
   * running transaction with an xid (other than this session), from pg_stat_activity or pg_prepared_xacts.
   */
  private String horizon() {
    return """
        WITH b AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
        newest AS (SELECT e.tx_id, e.position FROM %1$s.events e ORDER BY e.tx_id DESC, e.position DESC LIMIT 1),
        blocker AS (
          SELECT * FROM (
            SELECT a.pid, a.backend_xid::text::bigint AS xid, age(a.backend_xid) AS xid_age,
                   extract(epoch FROM clock_timestamp() - a.xact_start) AS seconds,
                   coalesce(a.state, 'unknown') || ': ' || left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 120)
                     AS what
            FROM pg_stat_activity a
            WHERE a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()
            UNION ALL
            SELECT 0, p.transaction::text::bigint, age(p.transaction),
                   extract(epoch FROM clock_timestamp() - p.prepared),
                   'prepared transaction ' || quote_literal(p.gid) || ' of ' || p.owner
            FROM pg_prepared_xacts p) r
          ORDER BY r.xid_age DESC LIMIT 1)
        SELECT (SELECT tx_id::text FROM newest), (SELECT position FROM newest),
               (SELECT count(*) FROM %1$s.events e, b WHERE e.tx_id >= b.xmin),
               k.pid, k.xid, k.seconds, k.what
        FROM (SELECT 1) one LEFT JOIN blocker k ON true""".formatted(q);
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
        """.formatted(q, channelFor(name));
  }

  int latestVersion() {
    return migrations.get(migrations.size() - 1).version();
  }

  /** Serialises initializers of this schema across processes; a transaction-level lock, so it cannot leak. */
  String lockSql() {
    return "SELECT pg_advisory_xact_lock(hashtextextended('eventcore.schema:' || ?, 0))";
  }

  String createMigrationsTableSql() {
    return "CREATE TABLE IF NOT EXISTS " + q + "." + MIGRATIONS_TABLE + " ("
        + "version INT PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())";
  }

  String currentVersionSql() {
    return "SELECT coalesce(max(version), 0) FROM " + q + "." + MIGRATIONS_TABLE;
  }

  String recordMigrationSql() {
    return "INSERT INTO " + q + "." + MIGRATIONS_TABLE + " (version, description) VALUES (?, ?)";
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
        """.formatted(q, IMMUTABLE);
  }

  /**
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
        CREATE OR REPLACE FUNCTION %1$s.eventcore_append(
            p_streams text[], p_expected bigint[], p_counts int[],
            p_ids uuid[], p_event_streams text[], p_versions bigint[], p_types text[], p_data text[], p_metadata text[],
            OUT new_versions bigint[], OUT replayed boolean)
        LANGUAGE plpgsql AS $fn$
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

          IF m > 0 THEN
            INSERT INTO %1$s.events (event_id, stream_id, version, event_type, event_data, metadata)
            SELECT r.id, r.s, r.v, r.t, r.d::jsonb, r.md::jsonb
            FROM unnest(p_ids, p_event_streams, p_versions, p_types, p_data, p_metadata)
                   WITH ORDINALITY AS r(id, s, v, t, d, md, ord)
            ORDER BY r.ord;
          END IF;
        END $fn$;
        """.formatted(q, VERSION_CONFLICT, NOT_A_RETRY);
  }
}

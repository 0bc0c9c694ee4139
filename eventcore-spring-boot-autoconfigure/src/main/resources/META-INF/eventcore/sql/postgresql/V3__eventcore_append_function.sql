-- EventCore PostgreSQL schema, migration 3: eventcore_append function
-- Generated from eventcore-postgres (Schema.java) for schema "public"; to use another schema, replace every
-- "public" below and the NOTIFY channel 'eventcore_public' (eventcore_<schema>). Apply the files in order.
-- The last statement records the migration, so PostgresEventStore.initialize() sees the schema as current.

CREATE OR REPLACE FUNCTION "public".eventcore_append(
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
      INSERT INTO "public".event_streams (stream_id, version) VALUES (p_streams[i], 0) ON CONFLICT (stream_id) DO NOTHING;
    END IF;
    v_head := NULL;
    IF p_counts[i] > 0 THEN
      SELECT h.version INTO v_head FROM "public".event_streams h WHERE h.stream_id = p_streams[i] FOR NO KEY UPDATE;
    ELSE
      SELECT h.version INTO v_head FROM "public".event_streams h WHERE h.stream_id = p_streams[i] FOR SHARE;
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
    IF m > 0 AND EXISTS (SELECT 1 FROM "public".events e WHERE e.event_id = p_ids[1]) THEN
      SELECT count(*) INTO stored
      FROM unnest(p_ids, p_event_streams) AS r(id, s)
      JOIN "public".events e ON e.event_id = r.id AND e.stream_id = r.s;
      IF stored <> m THEN
        RAISE EXCEPTION USING ERRCODE = 'EC422',
          MESSAGE = format('event id %s is already stored, but %s of the %s events of this append are stored'
            || ' on the same streams: an append is either new or a retry of an identical append', p_ids[1], stored, m);
      END IF;
      SELECT array_agg(greatest(p_expected[x.ord],
               (SELECT max(e.version) FROM "public".events e WHERE e.event_id = ANY (p_ids) AND e.stream_id = x.s))
             ORDER BY x.ord)
        INTO new_versions
      FROM unnest(p_streams) WITH ORDINALITY AS x(s, ord);
      replayed := true;
      RETURN;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'EC409', MESSAGE = 'version conflict', DETAIL = conflicts::text;
  END IF;

  new_versions := p_expected;
  FOR i IN 1..n LOOP
    IF p_counts[i] > 0 THEN
      UPDATE "public".event_streams SET version = version + p_counts[i], updated_at = now()
        WHERE stream_id = p_streams[i] AND version = p_expected[i];
      IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'EC409', MESSAGE = 'version conflict',
          DETAIL = jsonb_build_array(jsonb_build_object('stream', p_streams[i], 'expected', p_expected[i],
            'actual', (SELECT h.version FROM "public".event_streams h WHERE h.stream_id = p_streams[i])))::text;
      END IF;
      new_versions[i] := p_expected[i] + p_counts[i];
    END IF;
  END LOOP;

  IF m > 0 THEN
    INSERT INTO "public".events (event_id, stream_id, version, event_type, event_data, metadata)
    SELECT r.id, r.s, r.v, r.t, r.d::jsonb, r.md::jsonb
    FROM unnest(p_ids, p_event_streams, p_versions, p_types, p_data, p_metadata)
           WITH ORDINALITY AS r(id, s, v, t, d, md, ord)
    ORDER BY r.ord;
  END IF;
END $fn$;

INSERT INTO "public".eventcore_schema_migrations (version, description) VALUES (3, 'eventcore_append function');

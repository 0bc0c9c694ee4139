package org.eventcore.postgres;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.internal.Validation;
import org.eventcore.runtime.store.SnapshotKey;
import org.eventcore.runtime.store.StoredSnapshot;

/**
 * The rows of {@code state_snapshots}: one per fold and snapshot version, found by a SHA-256 of the fold's state
 * type, event family and streams (stream ids are up to 255 characters each, too long for a composite key), the
 * parts themselves stored beside it and compared on load. Each call is one autocommit statement outside any
 * append, retried on transient failures.
 */
final class Snapshots {
  private final Connections connections;
  /**
   * Drops the key's rows of lower snapshot versions and upserts this one unless the row held is folded further.
   * Parameters: key, snapshot version (for the delete); key, snapshot version, state type, family, stream ids,
   * stream versions, total version, payload.
   */
  private final String saveSql;
  /** The row of a key and snapshot version. Parameters: key, snapshot version. */
  private final String loadSql;

  Snapshots(Schema schema, Connections connections) {
    this.connections = connections;
    String table = schema.q + ".state_snapshots";
    this.saveSql = "WITH dropped AS (DELETE FROM " + table + " WHERE snapshot_key = ? AND snapshot_version < ?)"
        + " INSERT INTO " + table + " AS s (snapshot_key, snapshot_version, state_type, event_family, stream_ids,"
        + " stream_versions, total_version, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)"
        + " ON CONFLICT (snapshot_key, snapshot_version) DO UPDATE SET stream_versions = EXCLUDED.stream_versions,"
        + " total_version = EXCLUDED.total_version, payload = EXCLUDED.payload, updated_at = now()"
        + " WHERE s.total_version <= EXCLUDED.total_version";
    this.loadSql = "SELECT state_type, event_family, stream_ids, stream_versions, payload::text FROM " + table
        + " WHERE snapshot_key = ? AND snapshot_version = ?";
  }

  /** See {@link PostgresEventStore#saveSnapshot}. */
  void save(StoredSnapshot snapshot) {
    if (snapshot == null) {
      throw new InvalidInputException("snapshot must not be null");
    }
    SnapshotKey key = snapshot.key();
    byte[] digest = digest(key);
    List<StreamId> streams = key.streams();
    String[] ids = new String[streams.size()];
    Long[] versions = new Long[streams.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = streams.get(i).value();
      versions[i] = snapshot.versions().get(streams.get(i));
    }
    connections.retrier().run(StoreOperation.SNAPSHOT, () -> {
      try (Connection c = connections.borrow(); PreparedStatement ps = c.prepareStatement(saveSql)) {
        Array idArray = c.createArrayOf("text", ids);
        Array versionArray = c.createArrayOf("bigint", versions);
        ps.setBytes(1, digest);
        ps.setInt(2, snapshot.snapshotVersion());
        ps.setBytes(3, digest);
        ps.setInt(4, snapshot.snapshotVersion());
        ps.setString(5, key.stateType());
        ps.setString(6, key.family());
        ps.setArray(7, idArray);
        ps.setArray(8, versionArray);
        ps.setLong(9, snapshot.totalVersion());
        ps.setString(10, snapshot.payload());
        ps.executeUpdate();
        return null;
      }
    });
  }

  /** See {@link PostgresEventStore#loadSnapshot}. */
  Optional<StoredSnapshot> load(SnapshotKey key, int snapshotVersion) {
    Validation.snapshotLoad(key, snapshotVersion);
    byte[] digest = digest(key);
    return connections.retrier().run(StoreOperation.SNAPSHOT, () -> {
      try (Connection c = connections.borrow(); PreparedStatement ps = c.prepareStatement(loadSql)) {
        ps.setBytes(1, digest);
        ps.setInt(2, snapshotVersion);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.<StoredSnapshot>empty();
          }
          String[] ids = (String[]) rs.getArray(3).getArray();
          Long[] versions = (Long[]) rs.getArray(4).getArray();
          List<StreamId> streams = new ArrayList<>(ids.length);
          Map<StreamId, Long> byStream = new LinkedHashMap<>();
          for (int i = 0; i < ids.length; i++) {
            StreamId s = StreamId.of(ids[i]);
            streams.add(s);
            byStream.put(s, i < versions.length ? versions[i] : null);
          }
          if (!key.stateType().equals(rs.getString(1)) || !key.family().equals(rs.getString(2))
              || !key.streams().equals(streams)) {
            return Optional.<StoredSnapshot>empty(); // a digest collision: not this key's snapshot
          }
          return Optional.of(new StoredSnapshot(key, snapshotVersion, byStream, rs.getString(5)));
        }
      }
    });
  }

  /** SHA-256 of the key's parts, each length-prefixed so that no two keys share an input. */
  static byte[] digest(SnapshotKey key) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
    update(sha, key.stateType());
    update(sha, key.family());
    for (StreamId s : key.streams()) {
      update(sha, s.value());
    }
    return sha.digest();
  }

  private static void update(MessageDigest sha, String part) {
    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
    sha.update((byte) (bytes.length >>> 24));
    sha.update((byte) (bytes.length >>> 16));
    sha.update((byte) (bytes.length >>> 8));
    sha.update((byte) bytes.length);
    sha.update(bytes);
  }
}

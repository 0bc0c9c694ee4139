package org.eventcore.runtime.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StreamId;

/**
 * A state snapshot: the state of {@code key} folded to {@code versions}, encoded by the state's generated codec.
 *
 * @param key what it is the fold of
 * @param snapshotVersion the state's declared {@code @Snapshot(version)}, at least 1
 * @param versions the version of every stream of the key the state was folded to, in the key's order, each
 *     {@code >= 0}
 * @param payload the state as JSON; never logged
 * @throws InvalidInputException when a part is null, the snapshot version is below 1, or the versions do not
 *     name exactly the key's streams in its order with non-negative versions
 */
public record StoredSnapshot(SnapshotKey key, int snapshotVersion, Map<StreamId, Long> versions, String payload) {
  public StoredSnapshot {
    if (key == null) {
      throw new InvalidInputException("snapshot key must not be null");
    }
    if (snapshotVersion < 1) {
      throw new InvalidInputException("snapshot version must be >= 1, got " + snapshotVersion);
    }
    if (payload == null) {
      throw new InvalidInputException("snapshot payload of " + key.stateType() + " must not be null");
    }
    if (versions == null || !key.streams().equals(List.copyOf(versions.keySet()))) {
      throw new InvalidInputException("snapshot versions must name the key's streams " + key.streams()
          + " in order, got " + (versions == null ? "null" : versions.keySet()));
    }
    Map<StreamId, Long> copy = new LinkedHashMap<>();
    versions.forEach((stream, version) -> {
      if (version == null || version < 0) {
        throw new InvalidInputException("snapshot version of stream '" + stream + "' must be >= 0, got " + version);
      }
      copy.put(stream, version);
    });
    versions = Collections.unmodifiableMap(copy);
  }

  /** The sum of the stream versions: it only grows as the streams do, so it orders snapshots of one key. */
  public long totalVersion() {
    long sum = 0;
    for (long v : versions.values()) {
      sum += v;
    }
    return sum;
  }

  /** Without the payload, which may hold personal data. */
  @Override
  public String toString() {
    return "StoredSnapshot[" + key + ", version " + snapshotVersion + ", at " + versions + ", "
        + payload.length() + " characters]";
  }
}

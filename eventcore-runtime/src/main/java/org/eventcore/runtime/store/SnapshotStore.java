package org.eventcore.runtime.store;

import java.util.Optional;

/**
 * Where state snapshots live: beside the events of an {@link EventStore} ({@code InMemoryEventStore} and
 * {@code PostgresEventStore} implement both), but a separate SPI, since snapshots are a cache, not the log.
 * The {@code CommandExecutor} uses it when its store implements it.
 *
 * <p>Guarantees: per key and snapshot version at most one snapshot is kept; a save replaces it unless the one
 * held is folded further (a larger {@link StoredSnapshot#totalVersion()}), so a late writer never regresses it;
 * saving a snapshot version drops the key's snapshots of lower versions. Snapshots may be deleted at any time
 * (they are rebuilt from the events); the events are never touched.
 */
public interface SnapshotStore {

  /**
   * Keeps {@code snapshot}, replacing the one held for its key and snapshot version unless that one is folded
   * further, and dropping the key's snapshots of lower versions.
   *
   * @throws org.eventcore.runtime.StoreException when the store fails
   * @throws org.eventcore.runtime.InvalidInputException when the snapshot is null (PostgreSQL: or its
   *     payload is not JSON)
   */
  void saveSnapshot(StoredSnapshot snapshot);

  /**
   * The snapshot held for {@code key} at {@code snapshotVersion}, if any.
   *
   * @throws org.eventcore.runtime.StoreException when the store fails
   * @throws org.eventcore.runtime.InvalidInputException when the key is null or the version below 1
   */
  Optional<StoredSnapshot> loadSnapshot(SnapshotKey key, int snapshotVersion);
}

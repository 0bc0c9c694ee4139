package org.eventcore.runtime.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.internal.Validation;

/**
 * Where events live. Implementations: {@code InMemoryEventStore} and {@code PostgresEventStore}; both pass the
 * contract suite in eventcore-testing ({@code EventStoreContract}).
 *
 * <p>Guarantees every implementation gives:
 * <ul>
 *   <li>Per stream, versions start at 1 and are contiguous; reads return events in version order.</li>
 *   <li>{@link #append} is atomic across all its streams: all events are written or none.</li>
 *   <li>{@link #append} checks the expected version of every stream in the request, including streams it writes
 *       nothing to (read-only participants); one stale version rejects the whole append with a
 *       {@link VersionConflictException} naming every stale stream.</li>
 *   <li>Appending a request whose event ids are already stored (a retry after a lost acknowledgement) writes
 *       nothing and returns the versions the first append produced.</li>
 *   <li>A missing stream reads as empty, at version 0.</li>
 *   <li>An append with an idempotency key ({@link AppendRequest#commandKey()}) commits at most once per key, also
 *       when several run at the same moment, in other processes or after a restart: the key is stored in the
 *       same transaction as the events, and an append whose key is stored writes nothing and returns the
 *       {@link CommittedCommand} (before any version check, so a stale expected version does not matter). A key
 *       stored with another command type or other command streams is an {@link InvalidInputException} naming
 *       the key; nothing is written.</li>
 * </ul>
 */
public interface EventStore {

  /**
   * Reads several streams completely, each in version order, streams in the given order, and hands every event
   * to {@code consumer} as it arrives (nothing is collected into a list). Where the store can, all streams are
   * read from one consistent snapshot in one round trip.
   *
   * @param streams distinct stream ids, at least one
   * @param consumer called once per event, on the calling thread
   * @return the version of every requested stream at the time of the read (0 for a missing stream), in request
   *     order: the expected versions for a subsequent {@link #append}
   * @throws StoreException when the store fails
   * @throws InvalidInputException when {@code streams} is empty or has duplicates
   */
  Map<StreamId, Long> readStreams(List<StreamId> streams, Consumer<StoredEvent> consumer);

  /**
   * Reads the events of several streams after a version of each (exclusive), each stream in version order, streams
   * in the map's iteration order, handing every event to {@code consumer}: the tail read of a cached state. Like
   * {@link #readStreams}, all streams are read from one consistent snapshot, in one round trip where the store
   * can. The default filters a {@link #readStreams} of the whole streams (correct, not cheaper); both stores
   * override it.
   *
   * @param afterVersions distinct stream ids, at least one, each with the version after which to read ({@code >= 0})
   * @param consumer called once per event, on the calling thread
   * @return the head version of every requested stream at the time of the read (0 for a missing stream; it may be
   *     below the version asked for when the caller's version came from another history), in request order
   * @throws StoreException when the store fails
   * @throws InvalidInputException when {@code afterVersions} is empty or a version is negative
   */
  default Map<StreamId, Long> readStreamsAfter(Map<StreamId, Long> afterVersions, Consumer<StoredEvent> consumer) {
    List<StreamId> streams = Validation.streamsToReadAfter(afterVersions);
    return readStreams(streams, e -> {
      if (e.version() > afterVersions.get(e.streamId())) {
        consumer.accept(e);
      }
    });
  }

  /**
   * Reads one stream from {@code afterVersion} (exclusive) on, in version order, fetched lazily in batches.
   * The caller must close the returned stream.
   *
   * @throws InvalidInputException when {@code afterVersion} is negative
   */
  EventStream readStream(StreamId stream, long afterVersion);

  /** Reads one stream from its start; see {@link #readStream(StreamId, long)}. */
  default EventStream readStream(StreamId stream) {
    return readStream(stream, 0);
  }

  /**
   * Appends events to one or more streams atomically, after checking the expected version of every stream in the
   * request; with an idempotency key, first checks whether the key has committed (see the class javadoc).
   *
   * @return the new version of every stream in the request, or the replay of the command committed under the
   *     request's key ({@link AppendResult#replayed()}: nothing was written)
   * @throws VersionConflictException when any expected version is stale; nothing is written
   * @throws InvalidInputException when the request's idempotency key is stored for another command; nothing is
   *     written
   * @throws StoreException when the store fails (after its own bounded retries of transient failures)
   */
  AppendResult append(AppendRequest request);

  /**
   * The command that committed under an idempotency key, if one did.
   *
   * @throws InvalidInputException when the key breaks the rules of {@link CommandKey#validateKey}
   * @throws StoreException when the store fails
   */
  Optional<CommittedCommand> committedCommand(String idempotencyKey);

  /**
   * The stored events with the given ids, in the order of the ids; ids that are not stored are left out.
   *
   * @throws InvalidInputException when {@code eventIds} is null or contains null
   * @throws StoreException when the store fails
   */
  List<StoredEvent> readEvents(List<UUID> eventIds);
}

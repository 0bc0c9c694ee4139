package org.eventcore.runtime.store;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
   * request.
   *
   * @return the new version of every stream in the request
   * @throws VersionConflictException when any expected version is stale; nothing is written
   * @throws StoreException when the store fails (after its own bounded retries of transient failures)
   */
  AppendResult append(AppendRequest request);
}

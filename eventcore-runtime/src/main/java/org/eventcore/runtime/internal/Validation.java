package org.eventcore.runtime.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.projection.EventFilter;
import org.eventcore.runtime.store.SnapshotKey;

/** Argument checks shared by every store, so they reject bad input with the same words. */
public final class Validation {
  private Validation() {}

  /**
   * Checks the argument of {@code EventStore.readStreamsAfter}: at least one stream, no null, no negative version.
   *
   * @return the streams in the map's iteration order
   * @throws InvalidInputException naming the rule
   */
  public static List<StreamId> streamsToReadAfter(Map<StreamId, Long> afterVersions) {
    if (afterVersions == null || afterVersions.isEmpty()) {
      throw new InvalidInputException("a read must name at least one stream");
    }
    List<StreamId> streams = new ArrayList<>(afterVersions.size());
    afterVersions.forEach((stream, after) -> {
      if (stream == null) {
        throw new InvalidInputException("stream ids to read must not be null");
      }
      if (after == null || after < 0) {
        throw new InvalidInputException("version to read stream '" + stream + "' after must be >= 0, got " + after);
      }
      streams.add(stream);
    });
    return streams;
  }

  /**
   * Checks the stream list of {@code EventStore.readStreams}: at least one, no null, no duplicate.
   *
   * @throws InvalidInputException naming the rule
   */
  public static void streamsToRead(List<StreamId> ids) {
    if (ids == null || ids.isEmpty()) {
      throw new InvalidInputException("a read must name at least one stream");
    }
    Set<StreamId> seen = new HashSet<>();
    for (StreamId id : ids) {
      if (id == null) {
        throw new InvalidInputException("stream ids to read must not be null");
      }
      if (!seen.add(id)) {
        throw new InvalidInputException("a read must not name a stream twice, got '" + id + "' twice");
      }
    }
  }

  /**
   * Checks the arguments of {@code EventStore.readStream}.
   *
   * @throws InvalidInputException naming the rule
   */
  public static void streamRead(StreamId stream, long afterVersion) {
    if (stream == null) {
      throw new InvalidInputException("stream id must not be null");
    }
    if (afterVersion < 0) {
      throw new InvalidInputException(
          "read of stream '" + stream + "' must start after a version >= 0, got " + afterVersion);
    }
  }

  /** Largest page a global read may ask for. */
  public static final int MAX_PAGE = 10_000;

  /**
   * Checks the arguments of {@code ProjectionSource.readAll}.
   *
   * @throws InvalidInputException naming the rule
   */
  public static void globalRead(Position after, EventFilter filter, int limit) {
    if (after == null) {
      throw new InvalidInputException("global read must start after a position (Position.START for the beginning)");
    }
    if (filter == null) {
      throw new InvalidInputException("global read filter must not be null (EventFilter.all() for every event)");
    }
    if (limit < 1 || limit > MAX_PAGE) {
      throw new InvalidInputException("global read limit must be 1.." + MAX_PAGE + ", got " + limit);
    }
  }

  /**
   * Checks a projection name: 1..200 characters, no control characters.
   *
   * @throws InvalidInputException naming the rule
   */
  /** The ids of a read of events by id: a list without null. */
  public static void eventIds(List<UUID> eventIds) {
    if (eventIds == null) {
      throw new InvalidInputException("event ids must not be null");
    }
    for (UUID id : eventIds) {
      if (id == null) {
        throw new InvalidInputException("event ids must not contain null");
      }
    }
  }

  public static void projectionName(String name) {
    if (name == null || name.isBlank() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException(
          "projection name must be 1..200 characters without control characters, got '" + name + "'");
    }
  }

  /** The arguments of {@code SnapshotStore.loadSnapshot}. */
  public static void snapshotLoad(SnapshotKey key, int snapshotVersion) {
    if (key == null) {
      throw new InvalidInputException("snapshot key must not be null");
    }
    if (snapshotVersion < 1) {
      throw new InvalidInputException("snapshot version must be >= 1, got " + snapshotVersion);
    }
  }
}

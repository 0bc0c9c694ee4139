package org.eventcore.runtime.store;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StreamId;

/**
 * What to append and under which conditions.
 *
 * @param expectedVersions the version the writer read for every stream it depends on, including read-only
 *     participants; every event's stream must be among them
 * @param events the events, in order; per stream they receive consecutive versions after the expected one
 * @param commandKey the idempotency key of the command execution this append commits, or null: with a key, the
 *     store commits at most one append per key (see {@link EventStore#append})
 * @throws InvalidInputException when a version is negative, an event targets a stream that is not in
 *     {@code expectedVersions}, two events share an id, or a stream of the key has no expected version
 */
public record AppendRequest(Map<StreamId, Long> expectedVersions, List<NewEvent> events, CommandKey commandKey) {
  public AppendRequest {
    if (expectedVersions == null || expectedVersions.isEmpty()) {
      throw new InvalidInputException("an append must name the expected version of at least one stream");
    }
    if (events == null) {
      throw new InvalidInputException("events must not be null");
    }
    Map<StreamId, Long> versions = new LinkedHashMap<>();
    expectedVersions.forEach((stream, version) -> {
      if (stream == null) {
        throw new InvalidInputException("expected versions must not contain a null stream id");
      }
      if (version == null || version < 0) {
        throw new InvalidInputException(
            "expected version of stream '" + stream + "' must be >= 0, got " + version);
      }
      versions.put(stream, version);
    });
    Set<UUID> ids = new HashSet<>();
    for (NewEvent e : events) {
      if (e == null) {
        throw new InvalidInputException("events must not contain null");
      }
      if (!versions.containsKey(e.streamId())) {
        throw new InvalidInputException("event " + e.eventId() + " (" + e.eventType() + ") targets stream '"
            + e.streamId() + "', which has no expected version in this append; every written stream must be read"
            + " first");
      }
      if (!ids.add(e.eventId())) {
        throw new InvalidInputException("event id " + e.eventId() + " appears twice in one append");
      }
    }
    if (commandKey != null) {
      for (StreamId s : commandKey.commandStreams()) {
        if (!versions.containsKey(s)) {
          throw new InvalidInputException("stream '" + s + "' of idempotency key '" + commandKey.idempotencyKey()
              + "' has no expected version in this append; a command's streams are always read");
        }
      }
    }
    expectedVersions = Collections.unmodifiableMap(versions);
    events = List.copyOf(events);
  }

  /** An append without an idempotency key. */
  public AppendRequest(Map<StreamId, Long> expectedVersions, List<NewEvent> events) {
    this(expectedVersions, events, null);
  }

  /** Convenience for a single stream. */
  public static AppendRequest single(StreamId stream, long expectedVersion, List<NewEvent> events) {
    return new AppendRequest(Map.of(stream, expectedVersion), events);
  }
}

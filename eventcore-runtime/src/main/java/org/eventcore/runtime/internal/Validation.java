package org.eventcore.runtime.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StreamId;

/** Argument checks shared by every store, so they reject bad input with the same words. */
public final class Validation {
  private Validation() {}

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
}

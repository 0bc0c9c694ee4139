package org.eventcore.runtime.store;

import java.util.HashSet;
import java.util.List;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StreamId;

/**
 * What a snapshot is the fold of: a state type over one event family's events of some streams, in read order.
 * The executor builds it from the same parts as its state-cache key.
 *
 * @param stateType the state's binary class name ({@code Class.getName()}), 1..255 characters
 * @param family the event family's binary class name, 1..255 characters
 * @param streams the streams folded, in read order, distinct, at least one
 * @throws InvalidInputException when a name is null, empty or too long, or the streams are empty, hold null or
 *     repeat one
 */
public record SnapshotKey(String stateType, String family, List<StreamId> streams) {
  public SnapshotKey {
    requireName("state type", stateType);
    requireName("event family", family);
    if (streams == null || streams.isEmpty()) {
      throw new InvalidInputException("a snapshot key must name at least one stream");
    }
    for (StreamId s : streams) {
      if (s == null) {
        throw new InvalidInputException("the streams of a snapshot key must not contain null");
      }
    }
    streams = List.copyOf(streams);
    if (new HashSet<>(streams).size() != streams.size()) {
      throw new InvalidInputException("the streams of a snapshot key must be distinct, got " + streams);
    }
  }

  private static void requireName(String what, String name) {
    if (name == null || name.isEmpty() || name.length() > 255) {
      throw new InvalidInputException("snapshot " + what + " must be 1..255 characters, got "
          + (name == null ? "null" : name.length() + " characters"));
    }
  }
}

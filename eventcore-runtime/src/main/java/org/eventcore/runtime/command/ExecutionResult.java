package org.eventcore.runtime.command;

import java.util.List;
import java.util.Map;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StreamId;

/**
 * The outcome of a successfully executed command.
 *
 * @param events the events written, in order (empty when the command decided nothing needed to change)
 * @param streamVersions the version of every stream the command read, after the append
 * @param attempts attempts used, 1 when no version conflict occurred
 */
public record ExecutionResult(List<Object> events, Map<StreamId, Long> streamVersions, int attempts) {
  public ExecutionResult {
    events = List.copyOf(events);
    streamVersions = Map.copyOf(streamVersions);
  }

  /** The events, checked against the family type. */
  public <E> List<E> events(Class<E> family) {
    for (Object e : events) {
      if (!family.isInstance(e)) {
        throw new InvalidInputException("event " + e.getClass().getName() + " is not a " + family.getName());
      }
    }
    return events.stream().map(family::cast).toList();
  }

  /** The version of {@code stream} after the command. */
  public long versionOf(StreamId stream) {
    Long v = streamVersions.get(stream);
    if (v == null) {
      throw new InvalidInputException("stream '" + stream + "' was not read by this command");
    }
    return v;
  }
}

package org.eventcore.runtime.command;

import java.util.List;
import java.util.Map;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StreamId;

/**
 * The outcome of a successfully executed command.
 *
 * @param events the events written, in order (empty when the command decided nothing needed to change); for a
 *     replay, the events the first execution under the idempotency key wrote, read back from the store
 * @param streamVersions the version of every stream the command read, after the append; for a replay, after the
 *     first execution's append
 * @param attempts attempts used, 1 when no version conflict occurred
 * @param replayed true when a command had already committed under the execution's idempotency key: nothing was
 *     written, and the result is that command's
 */
public record ExecutionResult(List<Object> events, Map<StreamId, Long> streamVersions, int attempts,
    boolean replayed) {
  public ExecutionResult {
    events = List.copyOf(events);
    streamVersions = Map.copyOf(streamVersions);
  }

  /** The result of an execution that was not a replay. */
  public ExecutionResult(List<Object> events, Map<StreamId, Long> streamVersions, int attempts) {
    this(events, streamVersions, attempts, false);
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

package org.eventcore.runtime;

import java.util.List;
import java.util.UUID;

/**
 * An append whose outcome the store could not determine: the connection was lost after the append was sent, on
 * every attempt, and checking on a fresh connection whether its events are stored did not succeed either (the
 * database stayed unreachable). The events may or may not be stored. Once the database is back: re-execute the
 * command with the same idempotency key ({@code CommandExecutor.execute(command, metadata, key)}: a keyed
 * execution commits at most once, and a repeat returns the first one's result); without a key, do not
 * re-execute it (that would decide anew and write new events): check whether {@link #eventIds()} are stored
 * (re-read the streams), or retry the very same append (same event ids), which is recognised and writes nothing.
 */
public final class AppendOutcomeUnknownException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final List<UUID> eventIds;
  private final List<StreamId> streams;

  /**
   * @param eventIds the ids of the append's events
   * @param streams the streams of the append
   * @param detail why the outcome could not be determined
   */
  public AppendOutcomeUnknownException(List<UUID> eventIds, List<StreamId> streams, String detail, Throwable cause) {
    super(StoreOperation.APPEND, "the outcome is unknown: the connection was lost after " + eventIds.size()
        + " event(s) to streams " + streams + " were sent and it could not be checked whether they are stored ("
        + detail + "); once the database is back, re-execute the command with the same idempotency key (it commits"
        + " at most once); do not re-execute the command without one: check whether event ids " + eventIds
        + " are stored, or retry the same append (a retry never writes twice)", cause, false);
    this.eventIds = List.copyOf(eventIds);
    this.streams = List.copyOf(streams);
  }

  /** The ids of the events that may or may not be stored. */
  public List<UUID> eventIds() {
    return eventIds;
  }

  /** The streams the append was to. */
  public List<StreamId> streams() {
    return streams;
  }
}

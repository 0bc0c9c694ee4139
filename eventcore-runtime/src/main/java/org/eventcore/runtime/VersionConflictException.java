package org.eventcore.runtime;

import java.util.List;
import org.eventcore.runtime.store.VersionConflict;

/**
 * An append was rejected because at least one stream it checked had moved: another writer appended after this
 * writer read. Nothing of the append was written. The {@code CommandExecutor} handles it by re-reading and
 * re-deciding; direct store users decide themselves.
 */
public final class VersionConflictException extends EventCoreException {
  private static final long serialVersionUID = 1L;
  private final transient List<VersionConflict> conflicts;

  public VersionConflictException(List<VersionConflict> conflicts) {
    super(message(conflicts));
    this.conflicts = List.copyOf(conflicts);
  }

  public VersionConflictException(StreamId stream, long expected, long actual) {
    this(List.of(new VersionConflict(stream, expected, actual)));
  }

  /** The conflicting streams; at least one. */
  public List<VersionConflict> conflicts() {
    return conflicts;
  }

  private static String message(List<VersionConflict> conflicts) {
    if (conflicts.isEmpty()) {
      throw new IllegalArgumentException("a version conflict names at least one stream");
    }
    StringBuilder sb = new StringBuilder("version conflict: ");
    for (int i = 0; i < conflicts.size(); i++) {
      if (i > 0) {
        sb.append("; ");
      }
      sb.append(conflicts.get(i));
    }
    return sb.toString();
  }
}

package org.eventcore.runtime.store;

import java.util.Map;
import org.eventcore.runtime.StreamId;

/**
 * The outcome of a successful append.
 *
 * @param streamVersions the version of every stream of the request after the append (unchanged for read-only
 *     participants); for a replay, the versions the first append under the key produced
 * @param replayOf null when this append was committed (or was the retry of this very append); otherwise the
 *     command that had committed under the request's idempotency key, and nothing was written
 */
public record AppendResult(Map<StreamId, Long> streamVersions, CommittedCommand replayOf) {
  public AppendResult {
    streamVersions = Map.copyOf(streamVersions);
  }

  /** The result of an append that was committed. */
  public AppendResult(Map<StreamId, Long> streamVersions) {
    this(streamVersions, null);
  }

  /** Whether the request's idempotency key had already committed, so that nothing was written. */
  public boolean replayed() {
    return replayOf != null;
  }
}

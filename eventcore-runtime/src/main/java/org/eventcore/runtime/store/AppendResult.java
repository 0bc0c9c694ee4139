package org.eventcore.runtime.store;

import java.util.Map;
import org.eventcore.runtime.StreamId;

/**
 * The outcome of a successful append.
 *
 * @param streamVersions the version of every stream of the request after the append (unchanged for read-only
 *     participants)
 */
public record AppendResult(Map<StreamId, Long> streamVersions) {
  public AppendResult {
    streamVersions = Map.copyOf(streamVersions);
  }
}

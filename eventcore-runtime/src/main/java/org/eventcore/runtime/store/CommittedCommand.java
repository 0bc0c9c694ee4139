package org.eventcore.runtime.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StreamId;

/**
 * What the store keeps of a command execution that committed under an idempotency key: enough to answer a
 * repeat of it with the original result.
 *
 * @param key the key, with the command's type and streams
 * @param streamVersions the version of every stream of its append after it committed, in stream id order
 * @param eventIds the ids of the events it wrote, in order (their payloads are in the event log)
 * @param committedAt when it committed
 */
public record CommittedCommand(
    CommandKey key, Map<StreamId, Long> streamVersions, List<UUID> eventIds, Instant committedAt) {
  public CommittedCommand {
    if (key == null || streamVersions == null || eventIds == null || committedAt == null) {
      throw new InvalidInputException("a committed command needs its key, stream versions, event ids and time");
    }
    streamVersions = Collections.unmodifiableMap(new LinkedHashMap<>(streamVersions));
    eventIds = List.copyOf(eventIds);
  }
}

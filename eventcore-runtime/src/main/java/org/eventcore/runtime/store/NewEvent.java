package org.eventcore.runtime.store;

import java.util.UUID;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StreamId;

/**
 * An event about to be appended, already serialized.
 *
 * @param eventId fixed for the whole append, including store-side retries, so that a retried append that
 *     already committed is recognised instead of written twice; a UUIDv7 from {@link UuidV7}
 * @param streamId the stream it is appended to
 * @param eventType the stored type name
 * @param payload the JSON object, as text
 * @param metadata never null
 */
public record NewEvent(UUID eventId, StreamId streamId, String eventType, String payload, EventMetadata metadata) {
  public NewEvent {
    if (eventId == null) {
      throw new InvalidInputException("event id must not be null");
    }
    if (streamId == null) {
      throw new InvalidInputException("stream id of event " + eventId + " must not be null");
    }
    if (eventType == null || eventType.isBlank() || eventType.length() > 255) {
      throw new InvalidInputException(
          "event type of event " + eventId + " must be 1..255 characters, got '" + eventType + "'");
    }
    if (payload == null || payload.isEmpty()) {
      throw new InvalidInputException("payload of event " + eventId + " (" + eventType + ") must be a JSON object");
    }
    if (metadata == null) {
      metadata = EventMetadata.EMPTY;
    }
  }
}

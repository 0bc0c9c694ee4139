package org.eventcore.runtime.store;

import java.util.UUID;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.internal.JsonLimits;

/**
 * An event about to be appended, already serialized.
 *
 * @param eventId fixed for the whole append, including store-side retries, so that a retried append that
 *     already committed is recognised instead of written twice; a UUIDv7 from {@link UuidV7}
 * @param streamId the stream it is appended to
 * @param eventType the stored type name
 * @param payload the JSON object, as text; its strings within {@link JsonLimits} (no U+0000, no lone
 *     surrogate), or the constructor throws {@link InvalidInputException} naming the event, its type and the path
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
    if (payload == null || !startsAnObject(payload)) {
      throw new InvalidInputException("payload of event " + eventId + " (" + eventType + ") must be a JSON object,"
          + " got " + (payload == null ? "null" : payload.isBlank() ? "nothing" : "text starting with '"
              + payload.strip().charAt(0) + "'"));
    }
    JsonLimits.Problem problem = JsonLimits.check(payload);
    if (problem != null) {
      throw new InvalidInputException("payload of event " + eventId + " (" + eventType + ") cannot be stored: its"
          + " value at " + problem.path() + " is " + problem.detail());
    }
    if (metadata == null) {
      metadata = EventMetadata.EMPTY;
    }
  }

  private static boolean startsAnObject(String payload) {
    for (int i = 0; i < payload.length(); i++) {
      char c = payload.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return c == '{';
      }
    }
    return false;
  }
}

package org.eventcore.runtime;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope of one stored event.
 *
 * @param eventId UUIDv7 given at append time
 * @param streamId the stream it belongs to
 * @param version its version in that stream: 1 for the first event, contiguous
 * @param eventType the stored type name
 * @param payload the JSON object, as text
 * @param metadata correlation, causation and user key/values
 * @param recordedAt when the store recorded it
 * @param position its place in the store-wide order
 */
public record StoredEvent(
    UUID eventId,
    StreamId streamId,
    long version,
    String eventType,
    String payload,
    EventMetadata metadata,
    Instant recordedAt,
    Position position) {}

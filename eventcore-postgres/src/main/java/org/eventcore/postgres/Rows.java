package org.eventcore.postgres;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.SerializationException;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;

/** Maps the event columns (event_id, version, event_type, data, metadata, created_at, tx_id, position). */
final class Rows {
  /**
   * The select list of the columns {@link #event} maps, for a query that names the events table {@code e}; a
   * query that needs the stream id adds {@code e.stream_id} after them.
   */
  static final String EVENT_COLUMNS = "e.event_id, e.version, e.event_type, e.event_data::text, e.metadata::text,"
      + " e.created_at, e.tx_id::text, e.position";

  private Rows() {}

  /** The event whose columns start at {@code first}; {@code stream} is the stream the query asked for. */
  static StoredEvent event(ResultSet rs, int first, StreamId stream) throws SQLException {
    UUID id = rs.getObject(first, UUID.class);
    long version = rs.getLong(first + 1);
    String type = rs.getString(first + 2);
    String payload = rs.getString(first + 3);
    String metadataJson = rs.getString(first + 4);
    OffsetDateTime created = rs.getObject(first + 5, OffsetDateTime.class);
    long tx = Long.parseUnsignedLong(rs.getString(first + 6));
    long position = rs.getLong(first + 7);
    EventMetadata metadata;
    try {
      metadata = MetadataJson.read(metadataJson);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(type, "metadata", "stored metadata is not EventCore metadata: " + e.getMessage(), e)
          .at(stream, version);
    }
    if (payload == null) {
      throw new SerializationException(type, "$", "stored event_data is null", null).at(stream, version);
    }
    return new StoredEvent(id, stream, version, type, payload, metadata, created.toInstant(), new Position(tx, position));
  }
}

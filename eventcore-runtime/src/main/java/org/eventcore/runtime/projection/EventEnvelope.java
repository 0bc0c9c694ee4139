package org.eventcore.runtime.projection;

import java.sql.Connection;
import java.time.Instant;
import java.util.UUID;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;

/**
 * The stored facts around an event handed to a projection handler: its stream, version, position, metadata and
 * time, and, when the runner runs the projection transactionally on PostgreSQL, the JDBC connection of the
 * transaction that will also commit the projection's checkpoint.
 */
public final class EventEnvelope {
  private final StoredEvent stored;
  private final Connection transaction;

  /**
   * @param stored the stored event
   * @param transaction the batch's transaction, or null when the run is not transactional
   */
  public EventEnvelope(StoredEvent stored, Connection transaction) {
    this.stored = stored;
    this.transaction = transaction;
  }

  public StoredEvent stored() {
    return stored;
  }

  public UUID eventId() {
    return stored.eventId();
  }

  public StreamId streamId() {
    return stored.streamId();
  }

  public long version() {
    return stored.version();
  }

  public String eventType() {
    return stored.eventType();
  }

  public EventMetadata metadata() {
    return stored.metadata();
  }

  public Instant recordedAt() {
    return stored.recordedAt();
  }

  public Position position() {
    return stored.position();
  }

  /** Whether {@link #transaction()} is available. */
  public boolean isTransactional() {
    return transaction != null;
  }

  /**
   * The connection of the transaction that also commits this projection's checkpoint: write the read model
   * through it and the two commit together, exactly once. Do not commit, roll back or close it.
   *
   * @throws IllegalStateException when the projection does not run transactionally
   */
  public Connection transaction() {
    if (transaction == null) {
      throw new IllegalStateException("projection is not running transactionally: use"
          + " ProjectionRunner options with transactional(true) on a PostgresEventStore to get the connection");
    }
    return transaction;
  }
}

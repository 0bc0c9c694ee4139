package org.eventcore.postgres;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.projection.EventEnvelope;

/**
 * A projection for the PostgreSQL runner tests: counts every event id it is handed and the order of positions;
 * with a table set, writes one row per event id through the checkpoint's transaction, counting applications.
 * Its binding is written by hand ({@link Recorder_ProjectionBinding}) since this module does not run the processor.
 */
public final class Recorder {
  final Map<UUID, AtomicInteger> seen = new ConcurrentHashMap<>();
  final List<Position> positions = new ArrayList<>();
  /** System.nanoTime() when each event was handled, for ProjectionMeasurement. */
  final Map<UUID, Long> handledNanos = new ConcurrentHashMap<>();
  private final String table;

  /** Records in memory only. */
  public Recorder() {
    this(null);
  }

  /** Also writes {@code (event_id, applications)} rows into {@code table} through the envelope's transaction. */
  public Recorder(String table) {
    this.table = table;
  }

  void on(EventEnvelope envelope) throws Exception {
    if (table != null) {
      try (PreparedStatement ps = envelope.transaction().prepareStatement("INSERT INTO " + table
          + " (event_id, applications) VALUES (?, 1)"
          + " ON CONFLICT (event_id) DO UPDATE SET applications = " + table + ".applications + 1")) {
        ps.setObject(1, envelope.eventId());
        ps.executeUpdate();
      }
    }
    handledNanos.put(envelope.eventId(), System.nanoTime());
    seen.computeIfAbsent(envelope.eventId(), k -> new AtomicInteger()).incrementAndGet();
    synchronized (positions) {
      positions.add(envelope.position());
    }
  }

  /** Whether every position handed over was greater than the one before. */
  boolean positionsAscend() {
    synchronized (positions) {
      for (int i = 1; i < positions.size(); i++) {
        if (!positions.get(i).isAfter(positions.get(i - 1))) {
          return false;
        }
      }
      return true;
    }
  }
}

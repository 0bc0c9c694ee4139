package org.eventcore.runtime;

/**
 * A place in the store-wide order of events: the id of the transaction that wrote the event, then the event's
 * sequence number. Readers of "all events" see events in ascending position order, and a store never makes an
 * event visible behind a position a reader has already passed (see docs/ARCHITECTURE.md).
 *
 * @param transactionId the writing transaction's id (PostgreSQL: its xid8; in memory: the append's number)
 * @param sequence the event's sequence number, unique across the store
 */
public record Position(long transactionId, long sequence) implements Comparable<Position> {
  /** Before every event. */
  public static final Position START = new Position(0, 0);

  public Position {
    if (transactionId < 0 || sequence < 0) {
      throw new InvalidInputException(
          "position components must be >= 0, got (" + transactionId + ", " + sequence + ")");
    }
  }

  @Override
  public int compareTo(Position o) {
    int c = Long.compare(transactionId, o.transactionId);
    return c != 0 ? c : Long.compare(sequence, o.sequence);
  }

  public boolean isAfter(Position o) {
    return compareTo(o) > 0;
  }

  @Override
  public String toString() {
    return transactionId + ":" + sequence;
  }
}

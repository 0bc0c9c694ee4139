package org.eventcore.examples.codec;

import java.util.List;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Events;
import org.eventcore.annotations.Projection;
import org.eventcore.annotations.Stream;
import org.eventcore.runtime.StreamId;

/**
 * Fixtures whose event record validates its components in its compact constructor, so that a stored row can be
 * well-formed JSON that the record still rejects; compiled by the processor with the tests.
 */
final class Guarded {
  private Guarded() {}

  @Events
  sealed interface StockEvent {
    record Received(@Stream StreamId bin, int quantity) implements StockEvent {
      public Received {
        if (quantity <= 0) {
          throw new IllegalArgumentException("quantity must be positive, got " + quantity);
        }
      }
    }

    /** Embeds an event of another family. */
    record Noted(@Stream StreamId bin, Sink.Remark result) implements StockEvent {}
  }

  record Level(int quantity) {
    static Level initial() {
      return new Level(0);
    }

    Level apply(StockEvent.Received e) {
      return new Level(quantity + e.quantity());
    }

    Level apply(StockEvent.Noted e) {
      return this;
    }
  }

  @Command
  record Receive(@Stream StreamId bin, int quantity) {
    List<StockEvent> handle(Level state) {
      return List.of(new StockEvent.Received(bin, quantity));
    }
  }

  @Projection(name = "guarded-levels")
  static final class Levels {
    int total;

    void on(StockEvent.Received e) {
      total += e.quantity();
    }

    void on(StockEvent.Noted e) {}
  }
}

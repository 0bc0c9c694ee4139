package org.eventcore.examples.orders;

import static org.eventcore.runtime.command.Rules.require;

import java.util.List;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Stream;
import org.eventcore.examples.orders.ShopEvent.CreditGranted;
import org.eventcore.examples.orders.ShopEvent.CustomerCharged;
import org.eventcore.examples.orders.ShopEvent.OrderPlaced;
import org.eventcore.runtime.StreamId;

/**
 * Reads the customer (a read-only participant: nothing is written there) and writes the order only. A catch-all
 * apply method folds every event type.
 */
@Command
record PlaceOrder(@Stream StreamId order, @Stream StreamId customer, long totalCents) {
  record State(boolean placed, long credit) {}

  State initialState() {
    return new State(false, 0);
  }

  State apply(State s, ShopEvent e) {
    if (e instanceof OrderPlaced) {
      return new State(true, s.credit());
    } else if (e instanceof CreditGranted g) {
      return new State(s.placed(), s.credit() + g.amountCents());
    } else if (e instanceof CustomerCharged c) {
      return new State(s.placed(), s.credit() - c.amountCents());
    }
    return s;
  }

  List<ShopEvent> handle(State s) {
    require(!s.placed(), "order %s is already placed", order);
    require(s.credit() >= totalCents, "customer %s has credit %d, order needs %d", customer, s.credit(), totalCents);
    return List.of(new OrderPlaced(order, customer, totalCents));
  }
}

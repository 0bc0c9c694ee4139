package org.eventcore.examples.orders;

import static org.eventcore.runtime.command.Rules.require;

import java.util.List;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Stream;
import org.eventcore.examples.orders.ShopEvent.CreditGranted;
import org.eventcore.examples.orders.ShopEvent.CustomerCharged;
import org.eventcore.examples.orders.ShopEvent.OrderPaid;
import org.eventcore.examples.orders.ShopEvent.OrderPlaced;
import org.eventcore.runtime.StreamId;

/** Declares only the order; discovers the customer stream from the order's events and charges it. */
@Command
record PayOrder(@Stream StreamId order) {
  record State(StreamId customer, long total, boolean paid, long credit) {}

  State initialState() {
    return new State(null, 0, false, 0);
  }

  State apply(State s, OrderPlaced e) {
    return new State(e.customer(), e.totalCents(), s.paid(), s.credit());
  }

  State apply(State s, OrderPaid e) {
    return new State(s.customer(), s.total(), true, s.credit());
  }

  State apply(State s, CreditGranted e) {
    return new State(s.customer(), s.total(), s.paid(), s.credit() + e.amountCents());
  }

  State apply(State s, CustomerCharged e) {
    return new State(s.customer(), s.total(), s.paid(), s.credit() - e.amountCents());
  }

  List<StreamId> discoverStreams(State s) {
    return s.customer() == null ? List.of() : List.of(s.customer());
  }

  List<ShopEvent> handle(State s) {
    require(s.customer() != null, "order %s was never placed", order);
    require(!s.paid(), "order %s is already paid", order);
    require(s.credit() >= s.total(), "customer %s has credit %d, order needs %d", s.customer(), s.credit(), s.total());
    return List.of(new CustomerCharged(s.customer(), order, s.total()), new OrderPaid(order));
  }
}

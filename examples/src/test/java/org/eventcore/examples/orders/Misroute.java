package org.eventcore.examples.orders;

import java.util.List;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Stream;
import org.eventcore.examples.orders.ShopEvent.OrderPaid;
import org.eventcore.runtime.StreamId;

/** A faulty command: emits an event for a stream it never read. */
@Command
record Misroute(@Stream StreamId order, StreamId elsewhere) {
  Credit apply(Credit c, ShopEvent e) {
    return c;
  }

  List<ShopEvent> handle(Credit c) {
    return List.of(new OrderPaid(order), new OrderPaid(elsewhere));
  }
}

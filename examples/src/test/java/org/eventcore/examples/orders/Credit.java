package org.eventcore.examples.orders;

import org.eventcore.examples.orders.ShopEvent.CreditGranted;
import org.eventcore.examples.orders.ShopEvent.CustomerCharged;
import org.eventcore.examples.orders.ShopEvent.OrderPaid;
import org.eventcore.examples.orders.ShopEvent.OrderPlaced;

/** A customer's remaining credit; state-side apply methods, no-arg constructor as the initial state. */
record Credit(long cents) {
  Credit() {
    this(0);
  }

  Credit apply(CreditGranted e) {
    return new Credit(cents + e.amountCents());
  }

  Credit apply(CustomerCharged e) {
    return new Credit(cents - e.amountCents());
  }

  Credit apply(OrderPlaced e) {
    return this;
  }

  Credit apply(OrderPaid e) {
    return this;
  }
}

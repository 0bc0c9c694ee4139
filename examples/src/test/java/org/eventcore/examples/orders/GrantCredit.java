package org.eventcore.examples.orders;

import java.util.List;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Stream;
import org.eventcore.examples.orders.ShopEvent.CreditGranted;
import org.eventcore.runtime.StreamId;

@Command
record GrantCredit(@Stream StreamId customer, long amountCents) {
  List<ShopEvent> handle(Credit credit) {
    return List.of(new CreditGranted(customer, amountCents));
  }
}

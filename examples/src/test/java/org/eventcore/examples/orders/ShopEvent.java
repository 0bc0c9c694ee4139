package org.eventcore.examples.orders;

import org.eventcore.annotations.Events;
import org.eventcore.annotations.Stream;
import org.eventcore.runtime.StreamId;

/** A small shop, for executor tests: orders reference customers, whose credit pays for them. */
@Events
public sealed interface ShopEvent {
  record CreditGranted(@Stream StreamId customer, long amountCents) implements ShopEvent {}

  record OrderPlaced(@Stream StreamId order, StreamId customer, long totalCents) implements ShopEvent {}

  record CustomerCharged(@Stream StreamId customer, StreamId order, long amountCents) implements ShopEvent {}

  record OrderPaid(@Stream StreamId order) implements ShopEvent {}
}

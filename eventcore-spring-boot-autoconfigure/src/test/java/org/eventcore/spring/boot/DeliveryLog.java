package org.eventcore.spring.boot;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventcore.annotations.Projection;
import org.eventcore.examples.bank.BankEvent;
import org.eventcore.runtime.projection.EventEnvelope;

/**
 * A test projection that counts how often each event reaches it. The counts live in a map shared by every
 * instance ({@link #deliveries}), so they survive the context that created the bean: a stop/start of the
 * application shows up as events counted twice (redelivered) or never (lost).
 */
@Projection(name = "delivery-log")
public final class DeliveryLog {
  private final Map<UUID, AtomicInteger> deliveries;

  public DeliveryLog(Map<UUID, AtomicInteger> deliveries) {
    this.deliveries = deliveries;
  }

  public DeliveryLog() {
    this(new ConcurrentHashMap<>());
  }

  void on(BankEvent event, EventEnvelope envelope) {
    deliveries.computeIfAbsent(envelope.eventId(), k -> new AtomicInteger()).incrementAndGet();
  }

  /** Event id to the number of times it was handled. */
  public Map<UUID, AtomicInteger> deliveries() {
    return deliveries;
  }
}

package org.eventcore.runtime.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Micrometer-backed projection metrics, tagged with the projection's name; every meter is registered once per
 * runner (the error counters on their first use). Loaded only when a registry is given.
 */
final class MicrometerProjectionMetrics implements ProjectionMetrics {
  private final MeterRegistry registry;
  private final String projection;
  private final Counter events;
  private final Counter leaderships;
  private final Map<String, Counter> errorsByAction = new ConcurrentHashMap<>();
  private final AtomicLong lagEvents = new AtomicLong();
  private final AtomicLong lagMillis = new AtomicLong();

  MicrometerProjectionMetrics(MeterRegistry registry, String projection) {
    this.registry = registry;
    this.projection = projection;
    this.events = Counter.builder("eventcore.projection.events")
        .description("Events handled by the projection").tag("projection", projection).register(registry);
    this.leaderships = Counter.builder("eventcore.projection.leadership.acquired")
        .description("Times this runner took the projection's lead").tag("projection", projection)
        .register(registry);
    Gauge.builder("eventcore.projection.lag.events", lagEvents, AtomicLong::get)
        .description("Events committed after the checkpoint (all types; an upper bound)")
        .tag("projection", projection).register(registry);
    Gauge.builder("eventcore.projection.lag.seconds", lagMillis, v -> v.get() / 1000.0)
        .description("Age of the last handled event when it was handled").tag("projection", projection)
        .register(registry);
  }

  @Override
  public void processed(long n) {
    events.increment(n);
  }

  @Override
  public void error(String action) {
    errorsByAction.computeIfAbsent(action, a -> Counter.builder("eventcore.projection.errors")
        .description("Handler failures, by the action taken")
        .tag("projection", projection).tag("action", a).register(registry)).increment();
  }

  @Override
  public void leadershipAcquired() {
    leaderships.increment();
  }

  @Override
  public void lag(long n, Duration age) {
    lagEvents.set(n);
    lagMillis.set(age.toMillis());
  }

  @Override
  public boolean wantsLag() {
    return true;
  }
}

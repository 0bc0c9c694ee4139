package org.eventcore.runtime.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Projection metrics; a no-op without a registry. */
interface ProjectionMetrics {
  void processed(long events);

  void error(String action);

  void leadershipAcquired();

  void lag(long events, Duration age);

  static ProjectionMetrics of(MeterRegistry registry, String projection) {
    return registry == null ? NONE : new Micrometer(registry, projection);
  }

  ProjectionMetrics NONE = new ProjectionMetrics() {
    @Override
    public void processed(long events) {}

    @Override
    public void error(String action) {}

    @Override
    public void leadershipAcquired() {}

    @Override
    public void lag(long events, Duration age) {}
  };

  /** Micrometer-backed projection metrics, tagged with the projection's name. */
  final class Micrometer implements ProjectionMetrics {
    private final MeterRegistry registry;
    private final String projection;
    private final Counter events;
    private final Counter leaderships;
    private final AtomicLong lagEvents = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();

    Micrometer(MeterRegistry registry, String projection) {
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
      Counter.builder("eventcore.projection.errors").description("Handler failures, by the action taken")
          .tag("projection", projection).tag("action", action).register(registry).increment();
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
  }
}

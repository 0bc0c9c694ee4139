package org.eventcore.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.projection.Horizon;

/**
 * {@link StoreMetrics} on a Micrometer registry: every meter built once (the retry counters once per operation
 * and cause, when first needed), remembered, and removed from the registry by {@link #close()}. The only class of
 * the store that names Micrometer types. Two stores open at once on one schema and one registry share their
 * meters (a registry keeps one meter per name and tags), so closing either removes them.
 */
final class MicrometerStoreMetrics implements StoreMetrics {
  private final MeterRegistry registry;
  private final Tags tags;
  private final List<Meter> meters = new CopyOnWriteArrayList<>();
  private final Timer appendOk;
  private final Timer appendConflict;
  private final Timer appendError;
  private final Counter events;
  private final Counter conflicts;
  private final Timer read;
  private final Map<String, Counter> retries = new ConcurrentHashMap<>();
  /** Held here because a gauge holds its state weakly: the gauges live as long as this store's metrics. */
  private volatile Supplier<Optional<Horizon>> horizonSample;

  MicrometerStoreMetrics(MeterRegistry registry, String schema) {
    this.registry = registry;
    this.tags = Tags.of("schema", schema);
    this.appendOk = appendTimer("success");
    this.appendConflict = appendTimer("conflict");
    this.appendError = appendTimer("error");
    this.events = keep(Counter.builder(EVENTS_APPENDED).description("events written by appends").tags(tags)
        .register(registry));
    this.conflicts = keep(Counter.builder(CONFLICTS).description("appends rejected by a version conflict").tags(tags)
        .register(registry));
    this.read = keep(Timer.builder(READ).description("stream reads").tags(tags).tag("operation", "read stream")
        .register(registry));
  }

  private <M extends Meter> M keep(M meter) {
    meters.add(meter);
    return meter;
  }

  private Timer appendTimer(String outcome) {
    return keep(Timer.builder(APPEND).description("append latency, store retries included").tags(tags)
        .tag("outcome", outcome).register(registry));
  }

  @Override
  public void appended(long nanos, int count) {
    appendOk.record(nanos, TimeUnit.NANOSECONDS);
    events.increment(count);
  }

  @Override
  public void conflict(long nanos) {
    appendConflict.record(nanos, TimeUnit.NANOSECONDS);
    conflicts.increment();
  }

  @Override
  public void appendFailed(long nanos) {
    appendError.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void retried(StoreOperation operation, String cause) {
    retries.computeIfAbsent(operation.label() + '\u0000' + cause, k -> keep(Counter.builder(RETRIES)
        .description("transient failures retried by the store").tags(tags).tag("operation", operation.label())
        .tag("cause", cause).register(registry))).increment();
  }

  @Override
  public void read(long nanos) {
    read.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void instrumentPool(HikariConfig pool) {
    pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
  }

  @Override
  public void horizonGauges(Supplier<Optional<Horizon>> sample) {
    this.horizonSample = sample;
    keep(Gauge.builder(HORIZON_PENDING, sample, s -> s.get().map(h -> (double) h.pendingEvents()).orElse(Double.NaN))
        .description("committed events not yet readable by projections: written by transactions younger than the"
            + " oldest one still running")
        .tags(tags).register(registry));
    keep(Gauge.builder(HORIZON_BLOCKER_AGE, sample,
            s -> s.get().map(h -> h.blocker().map(b -> b.age().toMillis() / 1000.0).orElse(0.0)).orElse(Double.NaN))
        .description("age of the oldest running transaction that holds the projection horizon back (0: none)")
        .tags(tags).register(registry));
  }

  @Override
  public void close() {
    for (Meter m : meters) {
      registry.remove(m);
    }
    meters.clear();
    retries.clear();
    horizonSample = null;
  }
}

package org.eventcore.postgres;

import com.zaxxer.hikari.HikariConfig;
import java.util.Optional;
import java.util.function.Supplier;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.projection.Horizon;

/**
 * The store's meters, built once per store: {@link #NONE} when no registry was configured, so metrics cost
 * nothing then, else {@link MicrometerStoreMetrics}. This interface names no Micrometer type, so that Micrometer
 * (an optional dependency) is loaded only when a registry is given, the way HikariCP's {@code
 * MetricsTrackerFactory} keeps it optional.
 */
interface StoreMetrics extends AutoCloseable {
  /** Timer, tags schema and outcome (success, conflict, error): latency of {@code append}, retries included. */
  String APPEND = "eventcore.store.append";
  /** Counter, tag schema: events written (identical retries of committed appends not counted twice). */
  String EVENTS_APPENDED = "eventcore.store.events.appended";
  /** Counter, tag schema: appends rejected by a version conflict. */
  String CONFLICTS = "eventcore.store.conflicts";
  /** Counter, tags schema, operation and cause (SQLSTATE, or "pool" / "io"): transient failures retried. */
  String RETRIES = "eventcore.store.retries";
  /** Timer, tags schema and operation (read stream): latency of readStreams / opening readStream. */
  String READ = "eventcore.store.read";
  /** Gauge, tag schema: committed events not yet readable by projections. */
  String HORIZON_PENDING = "eventcore.store.horizon.pending.events";
  /** Gauge, tag schema: age of the oldest running transaction that holds the horizon back (0: none). */
  String HORIZON_BLOCKER_AGE = "eventcore.store.horizon.blocker.age.seconds";

  StoreMetrics NONE = new StoreMetrics() {};

  /** The metrics for {@code config}: Micrometer's classes are touched only when it has a registry. */
  static StoreMetrics of(PostgresConfig config) {
    return config.meterRegistry() == null ? NONE : new MicrometerStoreMetrics(config.meterRegistry(), config.schema());
  }

  default void appended(long nanos, int events) {}

  default void conflict(long nanos) {}

  default void appendFailed(long nanos) {}

  default void retried(StoreOperation operation, String cause) {}

  default void read(long nanos) {}

  /** Lets the pool the store opens report its own meters ({@code hikaricp.connections.*}) to the same registry. */
  default void instrumentPool(HikariConfig pool) {}

  /** Registers the horizon gauges, which read {@code sample} when scraped. */
  default void horizonGauges(Supplier<Optional<Horizon>> sample) {}

  /** Removes the store's meters from the registry (the pool removes its own when it closes). */
  @Override
  default void close() {}
}

package org.eventcore.postgres;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.eventcore.runtime.StoreOperation;

/** The store's meters; {@link #NONE} when no registry was configured, so metrics cost nothing then. */
interface StoreMetrics {
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

  StoreMetrics NONE = new StoreMetrics() {};

  default void appended(long nanos, int events) {}

  default void conflict(long nanos) {}

  default void appendFailed(long nanos) {}

  default void retried(StoreOperation operation, String cause) {}

  default void read(long nanos) {}

  static StoreMetrics of(MeterRegistry registry, String schema) {
    return registry == null ? NONE : new Micrometer(registry, schema);
  }

  final class Micrometer implements StoreMetrics {
    private final MeterRegistry registry;
    private final Tags tags;
    private final Timer appendOk;
    private final Timer appendConflict;
    private final Timer appendError;
    private final Counter events;
    private final Counter conflicts;
    private final Timer read;

    Micrometer(MeterRegistry registry, String schema) {
      this.registry = registry;
      this.tags = Tags.of("schema", schema);
      this.appendOk = appendTimer("success");
      this.appendConflict = appendTimer("conflict");
      this.appendError = appendTimer("error");
      this.events = Counter.builder(EVENTS_APPENDED).description("events written by appends").tags(tags)
          .register(registry);
      this.conflicts = Counter.builder(CONFLICTS).description("appends rejected by a version conflict").tags(tags)
          .register(registry);
      this.read = Timer.builder(READ).description("stream reads").tags(tags).tag("operation", "read stream")
          .register(registry);
    }

    private Timer appendTimer(String outcome) {
      return Timer.builder(APPEND).description("append latency, store retries included").tags(tags)
          .tag("outcome", outcome).register(registry);
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
      Counter.builder(RETRIES).description("transient failures retried by the store").tags(tags)
          .tag("operation", operation.label()).tag("cause", cause).register(registry).increment();
    }

    @Override
    public void read(long nanos) {
      read.record(nanos, TimeUnit.NANOSECONDS);
    }
  }
}

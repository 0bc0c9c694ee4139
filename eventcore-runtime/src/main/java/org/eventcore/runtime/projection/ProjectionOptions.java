package org.eventcore.runtime.projection;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.internal.Validation;

/**
 * How a {@link ProjectionRunner} runs.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>batchSize</td><td>500</td><td>events per read (and per transaction when transactional)</td></tr>
 *   <tr><td>pollInterval</td><td>1 s</td><td>longest wait between reads when no wake-up arrives</td></tr>
 *   <tr><td>standbyInterval</td><td>500 ms</td><td>how often a standby tries to take the lead</td></tr>
 *   <tr><td>leadershipWait</td><td>10 s</td><td>how long {@code runOnce} waits for the lead</td></tr>
 *   <tr><td>errorPolicy</td><td>stop</td><td>see {@link ErrorPolicy}</td></tr>
 *   <tr><td>transactional</td><td>false</td><td>write the read model and the checkpoint in one transaction</td></tr>
 *   <tr><td>filter</td><td>all</td><td>extra stream prefix/pattern filter; the projection's types always apply</td></tr>
 *   <tr><td>meterRegistry</td><td>none</td><td>where to record projection metrics</td></tr>
 *   <tr><td>storeFailureLimit</td><td>0 (no limit)</td><td>store failures in a row a continuous runner backs off
 *       from (standbyInterval doubled per failure, at most 10 s) before it stops FAILED</td></tr>
 * </table>
 *
 * <p>Micrometer is optional: without a registry no Micrometer class is loaded, so this record's
 * {@code toString}, {@code equals} and {@code hashCode} are written out (the generated ones would load the
 * component types) and show only whether a registry is set. No JVM shutdown hook is registered by default;
 * see {@link ProjectionRunner#stopOnShutdown()}.
 */
public record ProjectionOptions(
    int batchSize,
    Duration pollInterval,
    Duration standbyInterval,
    Duration leadershipWait,
    ErrorPolicy errorPolicy,
    boolean transactional,
    EventFilter filter,
    MeterRegistry meterRegistry,
    int storeFailureLimit) {

  public ProjectionOptions {
    if (batchSize < 1 || batchSize > Validation.MAX_PAGE) {
      throw new InvalidInputException("projection batchSize must be 1.." + Validation.MAX_PAGE + ", got " + batchSize);
    }
    positive("pollInterval", pollInterval);
    positive("standbyInterval", standbyInterval);
    positive("leadershipWait", leadershipWait);
    if (errorPolicy == null) {
      throw new InvalidInputException("projection errorPolicy must not be null");
    }
    if (filter == null) {
      filter = EventFilter.all();
    }
    if (storeFailureLimit < 0) {
      throw new InvalidInputException("projection storeFailureLimit must be >= 0 (0: no limit), got "
          + storeFailureLimit);
    }
  }

  /** The documented defaults. */
  public static ProjectionOptions defaults() {
    return new ProjectionOptions(500, Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(10),
        ErrorPolicy.stop(), false, EventFilter.all(), null, 0);
  }

  public ProjectionOptions withBatchSize(int size) {
    return new ProjectionOptions(size, pollInterval, standbyInterval, leadershipWait, errorPolicy, transactional,
        filter, meterRegistry, storeFailureLimit);
  }

  public ProjectionOptions withPollInterval(Duration interval) {
    return new ProjectionOptions(batchSize, interval, standbyInterval, leadershipWait, errorPolicy, transactional,
        filter, meterRegistry, storeFailureLimit);
  }

  public ProjectionOptions withStandbyInterval(Duration interval) {
    return new ProjectionOptions(batchSize, pollInterval, interval, leadershipWait, errorPolicy, transactional,
        filter, meterRegistry, storeFailureLimit);
  }

  public ProjectionOptions withLeadershipWait(Duration wait) {
    return new ProjectionOptions(batchSize, pollInterval, standbyInterval, wait, errorPolicy, transactional,
        filter, meterRegistry, storeFailureLimit);
  }

  public ProjectionOptions withErrorPolicy(ErrorPolicy policy) {
    return new ProjectionOptions(batchSize, pollInterval, standbyInterval, leadershipWait, policy, transactional,
        filter, meterRegistry, storeFailureLimit);
  }

  public ProjectionOptions withTransactional(boolean inTransaction) {
    return new ProjectionOptions(batchSize, pollInterval, standbyInterval, leadershipWait, errorPolicy, inTransaction,
        filter, meterRegistry, storeFailureLimit);
  }

  public ProjectionOptions withFilter(EventFilter streamFilter) {
    return new ProjectionOptions(batchSize, pollInterval, standbyInterval, leadershipWait, errorPolicy, transactional,
        streamFilter, meterRegistry, storeFailureLimit);
  }

  /**
   * How many store failures in a row (connection lost, pool timeout, outage) a continuous runner backs off from
   * and retries before it gives up and stops FAILED; 0, the default, retries for ever.
   */
  public ProjectionOptions withStoreFailureLimit(int limit) {
    return new ProjectionOptions(batchSize, pollInterval, standbyInterval, leadershipWait, errorPolicy, transactional,
        filter, meterRegistry, limit);
  }

  public ProjectionOptions withMeterRegistry(MeterRegistry registry) {
    return new ProjectionOptions(batchSize, pollInterval, standbyInterval, leadershipWait, errorPolicy, transactional,
        filter, registry, storeFailureLimit);
  }

  @Override
  public String toString() {
    return "ProjectionOptions[batchSize=" + batchSize + ", pollInterval=" + pollInterval + ", standbyInterval="
        + standbyInterval + ", leadershipWait=" + leadershipWait + ", errorPolicy=" + errorPolicy + ", transactional="
        + transactional + ", filter=" + filter + ", meterRegistry=" + (meterRegistry == null ? "none" : "set")
        + ", storeFailureLimit=" + storeFailureLimit + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProjectionOptions other && batchSize == other.batchSize
        && pollInterval.equals(other.pollInterval) && standbyInterval.equals(other.standbyInterval)
        && leadershipWait.equals(other.leadershipWait) && errorPolicy.equals(other.errorPolicy)
        && transactional == other.transactional && filter.equals(other.filter)
        && meterRegistry == other.meterRegistry && storeFailureLimit == other.storeFailureLimit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(batchSize, pollInterval, standbyInterval, leadershipWait, errorPolicy, transactional, filter,
        System.identityHashCode(meterRegistry), storeFailureLimit);
  }

  private static void positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new InvalidInputException("projection " + name + " must be > 0, got " + d);
    }
  }
}

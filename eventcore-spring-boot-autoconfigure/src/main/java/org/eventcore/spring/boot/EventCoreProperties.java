package org.eventcore.spring.boot;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eventcore.runtime.command.ConflictRetryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every {@code eventcore.*} property. Defaults are those of the core types ({@code PostgresConfig},
 * {@code ConflictRetryPolicy}, {@code ProjectionOptions}); values are validated by those types when the beans are
 * built, so an invalid value fails the start-up with a message naming the value and the rule. See docs/SPRING.md.
 */
@ConfigurationProperties("eventcore")
public class EventCoreProperties {

  /** Which store backs the application: the PostgreSQL store on the application's DataSource, or in memory. */
  public enum StoreType { POSTGRES, MEMORY }

  /** Which store to auto-configure: postgres (on the application's DataSource) or memory. */
  private StoreType store = StoreType.POSTGRES;

  private final Schema schema = new Schema();
  private final Postgres postgres = new Postgres();
  private final Command command = new Command();
  private final Health health = new Health();

  /** Per-projection options, keyed by the projection's name from {@code @Projection(name = ...)}. */
  private final Map<String, ProjectionProperties> projections = new LinkedHashMap<>();

  public StoreType getStore() {
    return store;
  }

  public void setStore(StoreType store) {
    this.store = store;
  }

  public Schema getSchema() {
    return schema;
  }

  public Postgres getPostgres() {
    return postgres;
  }

  public Command getCommand() {
    return command;
  }

  public Health getHealth() {
    return health;
  }

  public Map<String, ProjectionProperties> getProjections() {
    return projections;
  }

  /** The options of one projection: its entry in {@code eventcore.projections}, or the defaults. */
  public ProjectionProperties projection(String name) {
    return projections.getOrDefault(name, new ProjectionProperties());
  }

  /** Schema management. */
  public static class Schema {
    /**
     * Whether to create or migrate the store's tables at start-up (idempotent, safe from many instances at once).
     * Turn it off when Flyway or Liquibase applies the DDL shipped in META-INF/eventcore/sql/postgresql.
     */
    private boolean initialize = true;

    public boolean isInitialize() {
      return initialize;
    }

    public void setInitialize(boolean initialize) {
      this.initialize = initialize;
    }
  }

  /** The PostgreSQL store; connections come from the application's DataSource (spring.datasource.*). */
  public static class Postgres {
    /** Append isolation level. */
    public enum Isolation { READ_COMMITTED, SERIALIZABLE }

    /** The schema the store's tables live in. */
    private String schema = "public";
    /** Isolation of appends. */
    private Isolation isolation = Isolation.READ_COMMITTED;
    /** How often a transient database failure is retried by the store. */
    private int maxRetries = 3;
    /** First backoff delay of those retries, doubled per retry. */
    private Duration retryInitialDelay = Duration.ofMillis(50);
    /** Backoff cap of those retries. */
    private Duration retryMaxDelay = Duration.ofSeconds(2);
    /** How long schema initialization waits for another instance's initialization lock. */
    private Duration initializeTimeout = Duration.ofSeconds(60);
    /** How long a dedicated connection (leadership, notifications) may take to open. */
    private Duration acquireTimeout = Duration.ofSeconds(5);
    /** Rows fetched per round trip when a command reads its streams. */
    private int fetchSize = 500;

    public String getSchema() {
      return schema;
    }

    public void setSchema(String schema) {
      this.schema = schema;
    }

    public Isolation getIsolation() {
      return isolation;
    }

    public void setIsolation(Isolation isolation) {
      this.isolation = isolation;
    }

    public int getMaxRetries() {
      return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
    }

    public Duration getRetryInitialDelay() {
      return retryInitialDelay;
    }

    public void setRetryInitialDelay(Duration retryInitialDelay) {
      this.retryInitialDelay = retryInitialDelay;
    }

    public Duration getRetryMaxDelay() {
      return retryMaxDelay;
    }

    public void setRetryMaxDelay(Duration retryMaxDelay) {
      this.retryMaxDelay = retryMaxDelay;
    }

    public Duration getInitializeTimeout() {
      return initializeTimeout;
    }

    public void setInitializeTimeout(Duration initializeTimeout) {
      this.initializeTimeout = initializeTimeout;
    }

    public Duration getAcquireTimeout() {
      return acquireTimeout;
    }

    public void setAcquireTimeout(Duration acquireTimeout) {
      this.acquireTimeout = acquireTimeout;
    }

    public int getFetchSize() {
      return fetchSize;
    }

    public void setFetchSize(int fetchSize) {
      this.fetchSize = fetchSize;
    }
  }

  /** The command executor. */
  public static class Command {
    private final Retry retry = new Retry();

    public Retry getRetry() {
      return retry;
    }
  }

  /** How the command executor retries a command whose append met a version conflict. */
  public static class Retry {
    /** Total attempts (the first try included) before ConcurrencyConflictException. */
    private int maxAttempts = 6;
    /** Delay before the first retry, doubled per retry. */
    private Duration initialDelay = Duration.ofMillis(5);
    /** Cap on any retry delay. */
    private Duration maxDelay = Duration.ofMillis(500);
    /** Relative random variation of each delay, in [0, 1). */
    private double jitter = 0.25;

    /** These settings as the executor's policy; validated there (an invalid value names the rule). */
    public ConflictRetryPolicy toPolicy() {
      return new ConflictRetryPolicy(maxAttempts, initialDelay, maxDelay, jitter);
    }

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getInitialDelay() {
      return initialDelay;
    }

    public void setInitialDelay(Duration initialDelay) {
      this.initialDelay = initialDelay;
    }

    public Duration getMaxDelay() {
      return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
    }

    public double getJitter() {
      return jitter;
    }

    public void setJitter(double jitter) {
      this.jitter = jitter;
    }
  }

  /** Thresholds of the {@code eventcore} health indicator. */
  public static class Health {
    /** A projection further behind the newest event than this many positions makes the health OUT_OF_SERVICE. */
    private long maxLag = 10_000;
    /**
     * A transaction holding the projection horizon back for longer than this makes the health OUT_OF_SERVICE
     * (projections cannot read past it).
     */
    private Duration maxBlockerAge = Duration.ofMinutes(5);

    public long getMaxLag() {
      return maxLag;
    }

    public void setMaxLag(long maxLag) {
      this.maxLag = maxLag;
    }

    public Duration getMaxBlockerAge() {
      return maxBlockerAge;
    }

    public void setMaxBlockerAge(Duration maxBlockerAge) {
      this.maxBlockerAge = maxBlockerAge;
    }
  }
}

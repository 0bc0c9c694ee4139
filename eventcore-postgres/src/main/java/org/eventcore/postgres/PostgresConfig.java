package org.eventcore.postgres;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.eventcore.runtime.InvalidInputException;

/**
 * Configuration of a {@link PostgresEventStore}. Build it with {@link #builder()}, read it from the environment
 * with {@link #fromEnvironment()}, or for tests with {@link #testDefault()}. Every value is validated here; an
 * invalid one fails with an {@link InvalidInputException} naming the setting (or environment variable), the value
 * and the rule. The password never appears in {@link #toString()}, in logs or in exception messages. Kept whole
 * past 400 lines (record, validation, builder) so that every setting, its default and its rule read in one
 * place; the environment variables are read by {@code ConfigVariables}.
 *
 * <p>Defaults and environment variables (see docs/POSTGRES.md):
 * <table>
 *   <caption>settings</caption>
 *   <tr><th>setting</th><th>default</th><th>environment</th></tr>
 *   <tr><td>url</td><td>none</td><td>DATABASE_URL (TEST_DATABASE_URL for {@link #testDefault()})</td></tr>
 *   <tr><td>maxConnections</td><td>10</td><td>DATABASE_MAX_CONNECTIONS</td></tr>
 *   <tr><td>minConnections</td><td>1</td><td>DATABASE_MIN_CONNECTIONS</td></tr>
 *   <tr><td>acquireTimeout</td><td>5 s</td><td>DATABASE_ACQUIRE_TIMEOUT (seconds)</td></tr>
 *   <tr><td>connectTimeout</td><td>5 s</td><td>DATABASE_CONNECT_TIMEOUT (seconds)</td></tr>
 *   <tr><td>loginTimeout</td><td>10 s</td><td>DATABASE_LOGIN_TIMEOUT (seconds)</td></tr>
 *   <tr><td>socketTimeout</td><td>60 s</td><td>DATABASE_SOCKET_TIMEOUT (seconds)</td></tr>
 *   <tr><td>statementTimeout</td><td>30 s</td><td>DATABASE_STATEMENT_TIMEOUT (seconds)</td></tr>
 *   <tr><td>schema</td><td>public</td><td>DATABASE_SCHEMA</td></tr>
 *   <tr><td>isolation</td><td>READ_COMMITTED</td><td>DATABASE_ISOLATION</td></tr>
 *   <tr><td>maxRetries</td><td>3</td><td></td></tr>
 *   <tr><td>retryInitialDelay / retryMaxDelay</td><td>50 ms / 2 s</td><td></td></tr>
 *   <tr><td>initializeTimeout</td><td>60 s</td><td></td></tr>
 *   <tr><td>fetchSize</td><td>500</td><td></td></tr>
 *   <tr><td>meterRegistry</td><td>none (no metrics, no cost)</td><td></td></tr>
 *   <tr><td>notifyInterval</td><td>5 ms</td><td></td></tr>
 * </table>
 *
 * @param url JDBC URL without credentials ({@code jdbc:postgresql://host:port/db}); null only for a store built
 *     on an existing DataSource
 * @param user database user, or null for the driver's default
 * @param password database password, or null; never printed
 * @param secretParameters URL parameters whose name contains "password" or "secret" (such as
 *     {@code sslpassword}), taken out of the URL and passed to the driver as connection properties; never printed
 * @param maxConnections pool size, 1..10000
 * @param minConnections idle connections kept warm, 0..maxConnections
 * @param acquireTimeout how long an operation waits for a pooled connection, at least 250 ms
 * @param connectTimeout how long opening the TCP connection may take (pgjdbc {@code connectTimeout}), 1..3600 s
 * @param loginTimeout how long opening a connection may take in all: TCP, TLS and authentication (pgjdbc
 *     {@code loginTimeout}), 1..3600 s, at least connectTimeout
 * @param socketTimeout how long one read from the server may block (pgjdbc {@code socketTimeout}), so that a
 *     server that stops answering fails the operation; 1..3600 s, more than statementTimeout
 * @param statementTimeout how long the server runs one statement before cancelling it ({@code statement_timeout},
 *     SQLSTATE 57014), 1..3600 s
 * @param schema the schema the tables live in: a PostgreSQL identifier of letters, digits and '_', 1..63 long
 * @param isolation isolation of appends
 * @param maxRetries how often a transient failure (connection loss, serialization failure, deadlock, admin
 *     shutdown, too many connections) is retried, 0..100
 * @param retryInitialDelay first backoff delay, doubled per retry with 25% jitter
 * @param retryMaxDelay backoff cap
 * @param initializeTimeout how long {@link PostgresEventStore#initialize()} waits for another initializer's lock
 * @param fetchSize rows fetched per round trip when reading streams, 1..100000
 * @param applicationName shown in pg_stat_activity
 * @param meterRegistry where metrics go, or null for none. Micrometer is an optional dependency: typed as its
 *     {@code MeterRegistry}, this component is still safe without Micrometer on the class path, since no code of
 *     the store (nor {@link #equals}, {@link #hashCode} or {@link #toString}) loads that type unless a registry
 *     is set. Only reflection over the record's components ({@link Class#getRecordComponents()}) would.
 * @param notifyInterval at most one NOTIFY per this interval tells other processes of this store's appends, sent
 *     after commit outside the append transaction (their runners wake at most this much later; they poll anyway);
 *     0..60 s, 0 = never notify (one process, or polling is enough). The store's own runners are woken directly.
 *
 * <p>Longer than 400 lines: one record of settings with its validation, environment parsing and builder, which
 * read best together.
 */
public record PostgresConfig(
    String url,
    String user,
    String password,
    Map<String, String> secretParameters,
    int maxConnections,
    int minConnections,
    Duration acquireTimeout,
    Duration connectTimeout,
    Duration loginTimeout,
    Duration socketTimeout,
    Duration statementTimeout,
    String schema,
    IsolationLevel isolation,
    int maxRetries,
    Duration retryInitialDelay,
    Duration retryMaxDelay,
    Duration initializeTimeout,
    int fetchSize,
    String applicationName,
    MeterRegistry meterRegistry,
    Duration notifyInterval) {

  static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  public PostgresConfig {
    if (url != null) {
      // normalises the postgres:// form and pulls credentials out of the URL; explicit user/password win
      DatabaseUrl parsed = DatabaseUrl.parse(url, "url");
      url = parsed.jdbcUrl();
      user = user != null ? user : parsed.user();
      password = password != null ? password : parsed.password();
      Map<String, String> secrets = new java.util.TreeMap<>(parsed.secretParameters());
      if (secretParameters != null) {
        secrets.putAll(secretParameters);
      }
      secretParameters = secrets;
    }
    secretParameters = secretParameters == null ? Map.of() : Map.copyOf(secretParameters);
    require(maxConnections >= 1 && maxConnections <= 10_000,
        "maxConnections must be 1..10000, got " + maxConnections);
    require(minConnections >= 0 && minConnections <= maxConnections,
        "minConnections must be 0..maxConnections (" + maxConnections + "), got " + minConnections);
    require(acquireTimeout != null && acquireTimeout.toMillis() >= 250,
        "acquireTimeout must be at least 250 ms, got " + acquireTimeout);
    requireSeconds("connectTimeout", connectTimeout);
    requireSeconds("loginTimeout", loginTimeout);
    requireSeconds("socketTimeout", socketTimeout);
    requireSeconds("statementTimeout", statementTimeout);
    require(loginTimeout.compareTo(connectTimeout) >= 0,
        "loginTimeout must be at least connectTimeout (" + connectTimeout + "), got " + loginTimeout);
    require(socketTimeout.compareTo(statementTimeout) > 0, "socketTimeout must be more than statementTimeout ("
        + statementTimeout + ") so that the server's cancellation arrives first, got " + socketTimeout);
    require(schema != null && IDENTIFIER.matcher(schema).matches(),
        "schema must be 1..63 letters, digits or '_' starting with a letter or '_', got '" + schema + "'");
    require(isolation != null, "isolation must not be null");
    require(maxRetries >= 0 && maxRetries <= 100, "maxRetries must be 0..100, got " + maxRetries);
    require(retryInitialDelay != null && !retryInitialDelay.isNegative() && !retryInitialDelay.isZero(),
        "retryInitialDelay must be positive, got " + retryInitialDelay);
    require(retryMaxDelay != null && retryMaxDelay.compareTo(retryInitialDelay) >= 0,
        "retryMaxDelay must be >= retryInitialDelay (" + retryInitialDelay + "), got " + retryMaxDelay);
    require(initializeTimeout != null && initializeTimeout.toMillis() >= 1,
        "initializeTimeout must be at least 1 ms, got " + initializeTimeout);
    require(fetchSize >= 1 && fetchSize <= 100_000, "fetchSize must be 1..100000, got " + fetchSize);
    require(applicationName != null && applicationName.length() <= 63,
        "applicationName must be at most 63 characters, got " + (applicationName == null ? "null" : "'" + applicationName + "'"));
    require(notifyInterval != null && !notifyInterval.isNegative() && notifyInterval.compareTo(Duration.ofMinutes(1)) <= 0,
        "notifyInterval must be 0..60 s, got " + notifyInterval);
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.url = url;
    b.user = user;
    b.password = password;
    b.secretParameters = secretParameters;
    b.maxConnections = maxConnections;
    b.minConnections = minConnections;
    b.acquireTimeout = acquireTimeout;
    b.connectTimeout = connectTimeout;
    b.loginTimeout = loginTimeout;
    b.socketTimeout = socketTimeout;
    b.statementTimeout = statementTimeout;
    b.schema = schema;
    b.isolation = isolation;
    b.maxRetries = maxRetries;
    b.retryInitialDelay = retryInitialDelay;
    b.retryMaxDelay = retryMaxDelay;
    b.initializeTimeout = initializeTimeout;
    b.fetchSize = fetchSize;
    b.applicationName = applicationName;
    b.meterRegistry = meterRegistry;
    b.notifyInterval = notifyInterval;
    return b;
  }

  /**
   * Reads DATABASE_URL (required), DATABASE_MAX_CONNECTIONS, DATABASE_MIN_CONNECTIONS, DATABASE_ACQUIRE_TIMEOUT,
   * DATABASE_CONNECT_TIMEOUT, DATABASE_LOGIN_TIMEOUT, DATABASE_SOCKET_TIMEOUT, DATABASE_STATEMENT_TIMEOUT (all in
   * seconds, decimals allowed), DATABASE_SCHEMA and DATABASE_ISOLATION from the process environment.
   *
   * @throws InvalidInputException naming the variable and its rule when one is missing or invalid
   */
  public static PostgresConfig fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** {@link #fromEnvironment()} over the given variables. */
  public static PostgresConfig fromEnvironment(Map<String, String> env) {
    return fromVariables(env, "DATABASE_URL").build();
  }

  /**
   * For tests against an external server: reads TEST_DATABASE_URL (required) and the other DATABASE_* variables
   * of {@link #fromEnvironment()}.
   *
   * @throws InvalidInputException when TEST_DATABASE_URL is not set or a variable is invalid
   */
  public static PostgresConfig testDefault() {
    return testDefault(System.getenv());
  }

  /** {@link #testDefault()} over the given variables. */
  public static PostgresConfig testDefault(Map<String, String> env) {
    return fromVariables(env, "TEST_DATABASE_URL").build();
  }

  /** A builder filled from the variables, the URL taken from {@code urlVariable}. */
  static Builder fromVariables(Map<String, String> env, String urlVariable) {
    return ConfigVariables.read(env, urlVariable);
  }

  private static void requireSeconds(String name, Duration value) {
    require(value != null && value.toMillis() >= 1000 && value.toMillis() <= 3_600_000,
        name + " must be 1..3600 s, got " + value);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new InvalidInputException("PostgresConfig." + message);
    }
  }

  /**
   * Component by component, as a record's; written out because the generated one resolves every component's type,
   * which would load Micrometer for a user who does not have it.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof PostgresConfig c && Objects.equals(url, c.url) && Objects.equals(user, c.user)
        && Objects.equals(password, c.password) && secretParameters.equals(c.secretParameters)
        && maxConnections == c.maxConnections && minConnections == c.minConnections
        && acquireTimeout.equals(c.acquireTimeout) && connectTimeout.equals(c.connectTimeout)
        && loginTimeout.equals(c.loginTimeout) && socketTimeout.equals(c.socketTimeout)
        && statementTimeout.equals(c.statementTimeout) && schema.equals(c.schema)
        && isolation == c.isolation && maxRetries == c.maxRetries && retryInitialDelay.equals(c.retryInitialDelay)
        && retryMaxDelay.equals(c.retryMaxDelay) && initializeTimeout.equals(c.initializeTimeout)
        && fetchSize == c.fetchSize && applicationName.equals(c.applicationName)
        && Objects.equals(meterRegistry, c.meterRegistry) && notifyInterval.equals(c.notifyInterval);
  }

  /** Consistent with {@link #equals}; written out for the same reason. */
  @Override
  public int hashCode() {
    return Objects.hash(url, user, password, secretParameters, maxConnections, minConnections, acquireTimeout,
        connectTimeout, loginTimeout, socketTimeout, statementTimeout, schema, isolation, maxRetries,
        retryInitialDelay, retryMaxDelay, initializeTimeout, fetchSize, applicationName, meterRegistry,
        notifyInterval);
  }

  /** Every setting except the secrets: the password and each secret parameter show as {@code ****}. */
  @Override
  public String toString() {
    return "PostgresConfig[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "****")
        + (secretParameters.isEmpty() ? "" : ", secretParameters=" + secretParameters.keySet() + "=****")
        + ", maxConnections=" + maxConnections + ", minConnections=" + minConnections
        + ", acquireTimeout=" + acquireTimeout + ", connectTimeout=" + connectTimeout + ", loginTimeout="
        + loginTimeout + ", socketTimeout=" + socketTimeout + ", statementTimeout=" + statementTimeout
        + ", schema=" + schema + ", isolation=" + isolation
        + ", maxRetries=" + maxRetries + ", retryInitialDelay=" + retryInitialDelay
        + ", retryMaxDelay=" + retryMaxDelay + ", initializeTimeout=" + initializeTimeout
        + ", fetchSize=" + fetchSize + ", applicationName=" + applicationName
        + ", meterRegistry=" + (meterRegistry == null ? "none" : meterRegistry.getClass().getSimpleName())
        + ", notifyInterval=" + notifyInterval + "]";
  }

  /** Fluent builder; {@link #build()} validates. */
  public static final class Builder {
    private String url;
    private String user;
    private String password;
    private Map<String, String> secretParameters = Map.of();
    private int maxConnections = 10;
    private int minConnections = 1;
    private Duration acquireTimeout = Duration.ofSeconds(5);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration loginTimeout = Duration.ofSeconds(10);
    private Duration socketTimeout = Duration.ofSeconds(60);
    private Duration statementTimeout = Duration.ofSeconds(30);
    private String schema = "public";
    private IsolationLevel isolation = IsolationLevel.READ_COMMITTED;
    private int maxRetries = 3;
    private Duration retryInitialDelay = Duration.ofMillis(50);
    private Duration retryMaxDelay = Duration.ofSeconds(2);
    private Duration initializeTimeout = Duration.ofSeconds(60);
    private int fetchSize = 500;
    private String applicationName = "eventcore";
    private MeterRegistry meterRegistry;
    private Duration notifyInterval = Duration.ofMillis(5);

    private Builder() {}

    /**
     * {@code postgres://user:password@host:port/db} or {@code jdbc:postgresql://host:port/db}; credentials in the
     * URL are taken out of it and used unless {@link #user} / {@link #password} are set.
     */
    public Builder url(String url) {
      return url(url, "url");
    }

    /** {@link #url(String)}, naming {@code source} (a variable) in its errors. */
    Builder url(String url, String source) {
      DatabaseUrl parsed = DatabaseUrl.parse(url, source);
      this.url = parsed.jdbcUrl();
      if (parsed.user() != null) {
        this.user = parsed.user();
      }
      if (parsed.password() != null) {
        this.password = parsed.password();
      }
      this.secretParameters = parsed.secretParameters();
      return this;
    }

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    public Builder minConnections(int minConnections) {
      this.minConnections = minConnections;
      return this;
    }

    public Builder acquireTimeout(Duration acquireTimeout) {
      this.acquireTimeout = acquireTimeout;
      return this;
    }

    /** Time limit of the TCP connect; default 5 s; whole seconds (rounded up) are passed to the driver. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** Time limit of opening a connection in all (TCP, TLS, authentication); default 10 s. */
    public Builder loginTimeout(Duration timeout) {
      this.loginTimeout = timeout;
      return this;
    }

    /** Time limit of one read from the server; default 60 s; must exceed the statement timeout. */
    public Builder socketTimeout(Duration timeout) {
      this.socketTimeout = timeout;
      return this;
    }

    /** The server-side {@code statement_timeout} of every pooled and dedicated connection; default 30 s. */
    public Builder statementTimeout(Duration timeout) {
      this.statementTimeout = timeout;
      return this;
    }

    public Builder schema(String schema) {
      this.schema = schema;
      return this;
    }

    public Builder isolation(IsolationLevel isolation) {
      this.isolation = isolation;
      return this;
    }

    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    public Builder retryInitialDelay(Duration delay) {
      this.retryInitialDelay = delay;
      return this;
    }

    public Builder retryMaxDelay(Duration delay) {
      this.retryMaxDelay = delay;
      return this;
    }

    public Builder initializeTimeout(Duration timeout) {
      this.initializeTimeout = timeout;
      return this;
    }

    public Builder fetchSize(int fetchSize) {
      this.fetchSize = fetchSize;
      return this;
    }

    public Builder applicationName(String applicationName) {
      this.applicationName = applicationName;
      return this;
    }

    /**
     * Records the store's metrics and the pool's (hikaricp.*) there; default none. Calling it needs Micrometer;
     * not calling it never loads Micrometer.
     */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = meterRegistry;
      return this;
    }

    /** At most one NOTIFY per interval to other processes, after commit; {@link Duration#ZERO}: none. */
    public Builder notifyInterval(Duration interval) {
      this.notifyInterval = interval;
      return this;
    }

    /** @throws InvalidInputException naming the first invalid setting and its rule */
    public PostgresConfig build() {
      return new PostgresConfig(url, user, password, secretParameters, maxConnections, minConnections,
          acquireTimeout, connectTimeout, loginTimeout, socketTimeout, statementTimeout, schema, isolation,
          maxRetries, retryInitialDelay, retryMaxDelay, initializeTimeout, fetchSize, applicationName,
          meterRegistry, notifyInterval);
    }

    @Override
    public String toString() {
      return "PostgresConfig.Builder[url=" + url + ", user=" + user + ", password="
          + (password == null ? "none" : "****") + ", schema=" + schema + "]";
    }
  }
}

package org.eventcore.postgres.testing;

import java.util.function.UnaryOperator;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One initialized {@link PostgresEventStore} on a fresh schema of the test server for a whole test class, closed
 * after it:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresStoreExtension DB = PostgresStoreExtension.newSchema("orders");
 * ... DB.store() ...
 * }</pre>
 *
 * <p>{@link #otherStore()} is a second store on the same schema, with a pool of its own, as another process of the
 * same application has.
 */
public final class PostgresStoreExtension implements BeforeAllCallback, AfterAllCallback {
  private final String prefix;
  private final UnaryOperator<PostgresConfig.Builder> customize;
  private PostgresConfig config;
  private PostgresEventStore store;
  private PostgresEventStore other;

  private PostgresStoreExtension(String prefix, UnaryOperator<PostgresConfig.Builder> customize) {
    this.prefix = prefix;
    this.customize = customize;
  }

  /** A store on a new schema named after {@code prefix}, with the test database's default settings. */
  public static PostgresStoreExtension newSchema(String prefix) {
    return new PostgresStoreExtension(prefix, b -> b);
  }

  /** The same, with settings changed by {@code customize} (isolation, pool size, retries, ...). */
  public static PostgresStoreExtension newSchema(String prefix, UnaryOperator<PostgresConfig.Builder> customize) {
    return new PostgresStoreExtension(prefix, customize);
  }

  /** Opens and initializes a store on a new schema; the caller closes it. */
  public static PostgresEventStore open(String prefix, UnaryOperator<PostgresConfig.Builder> customize) {
    PostgresEventStore store = new PostgresEventStore(customize.apply(PostgresTestDatabase.newSchema(prefix)).build());
    store.initialize();
    return store;
  }

  /** The class's store. */
  public PostgresEventStore store() {
    opened();
    return store;
  }

  /** The configuration of the class's store: its schema, URL and settings. */
  public PostgresConfig config() {
    opened();
    return config;
  }

  /**
   * Another store on the class's schema, with its own pool (as another process has), opened on first use and
   * closed with the class's store.
   */
  public synchronized PostgresEventStore otherStore() {
    opened();
    if (other == null) {
      other = new PostgresEventStore(config);
    }
    return other;
  }

  private void opened() {
    if (store == null) {
      throw new IllegalStateException("the store of '" + prefix + "' is opened before all tests of the class;"
          + " register the extension on a static field with @RegisterExtension");
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    config = customize.apply(PostgresTestDatabase.newSchema(prefix)).build();
    store = new PostgresEventStore(config);
    store.initialize();
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (other != null) {
      other.close();
      other = null;
    }
    if (store != null) {
      store.close();
      store = null;
    }
  }
}

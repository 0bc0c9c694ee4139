package org.eventcore.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon Framework 4's {@code JdbcEventStorageEngine} on the same pool, as its users run it on PostgreSQL: the
 * {@code PostgresEventTableFactory} schema (bytea payloads), the Jackson serializer, one transaction per append.
 * Axon has no expected-version read: callers precompute sequence numbers and a duplicate
 * {@code (aggregate_identifier, sequence_number)} is its conflict.
 *
 * <p>Transactions: Axon's {@code appendEvents} runs its batch inside the {@link TransactionManager} and closes the
 * connection its {@link ConnectionProvider} gave it; both are bound here to one thread-local pool connection with
 * auto-commit off, so one append is exactly one transaction and one commit ({@link #commits()} counts them). The
 * tables are named with their schema ({@link EventSchema}) rather than through {@code setSchema}, which would cost
 * Axon two extra round trips per append (SET search_path, and the pool's reset).
 */
final class AxonBaseline {
  private final JdbcEventStorageEngine engine;
  private final ThreadLocal<Connection> current = new ThreadLocal<>();
  private final LongAdder commits = new LongAdder();

  AxonBaseline(DataSource pool, String schema, ObjectMapper mapper) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
    }
    ConnectionProvider provider = () -> {
      Connection c = current.get();
      if (c == null) {
        throw new IllegalStateException("Axon asked for a connection outside a transaction");
      }
      return unclosable(c);
    };
    TransactionManager transactions = () -> {
      try {
        Connection c = pool.getConnection();
        c.setAutoCommit(false);
        current.set(c);
        return new Transaction() {
          @Override
          public void commit() {
            finish(c, true);
          }

          @Override
          public void rollback() {
            finish(c, false);
          }
        };
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    };
    mapper.registerModule(new JavaTimeModule()).registerModule(new Jdk8Module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();
    EventSchema tables = EventSchema.builder()
        .eventTable(schema + ".domainevententry")
        .snapshotTable(schema + ".snapshotevententry")
        .build();
    this.engine = JdbcEventStorageEngine.builder()
        .schema(tables)
        // a duplicate (aggregate, sequence) becomes Axon's ConcurrencyException, as an application would configure it
        .persistenceExceptionResolver(new SQLStateResolver("23505"))
        .connectionProvider(provider)
        .transactionManager(transactions)
        .eventSerializer(serializer)
        .snapshotSerializer(serializer)
        .build();
    transactions.executeInTransaction(() -> engine.createSchema(PostgresEventTableFactory.INSTANCE));
  }

  /** Appends the messages in one transaction. */
  void append(List<? extends DomainEventMessage<?>> events) {
    engine.appendEvents(events);
  }

  /** Transactions committed so far. */
  long commits() {
    return commits.sum();
  }

  private void finish(Connection c, boolean commit) {
    try {
      if (commit) {
        c.commit();
        commits.increment();
      } else {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } finally {
      current.remove();
      try {
        c.setAutoCommit(true);
        c.close();
      } catch (SQLException ignored) {
        // the pool evicts a broken connection
      }
    }
  }

  /** Axon closes what its provider returns; the transaction owns the real connection. */
  private static Connection unclosable(Connection c) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            return null;
          }
          try {
            return method.invoke(c, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}

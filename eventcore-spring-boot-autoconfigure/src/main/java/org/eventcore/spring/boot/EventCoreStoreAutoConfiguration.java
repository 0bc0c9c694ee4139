package org.eventcore.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.eventcore.postgres.IsolationLevel;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.store.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store, unless the application defines an {@link EventStore} bean of its own:
 * <ul>
 *   <li>{@code eventcore.store=postgres} (the default), eventcore-postgres on the class path and a
 *       {@link DataSource} bean (Boot's, from {@code spring.datasource.*}): a {@link PostgresEventStore} on that
 *       DataSource through {@link PostgresEventStore#create(DataSource, PostgresConfig)}, so no second pool, its
 *       schema created or migrated at start-up unless {@code eventcore.schema.initialize=false};</li>
 *   <li>{@code eventcore.store=memory}: an {@link InMemoryEventStore}.</li>
 * </ul>
 * With Micrometer and a {@link MeterRegistry} bean the PostgreSQL store records its metrics there.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(EventCoreProperties.class)
public final class EventCoreStoreAutoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EventCoreStoreAutoConfiguration.class);

  /** The in-memory store. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "eventcore.store", havingValue = "memory")
  static class MemoryStore {
    @Bean
    @ConditionalOnMissingBean(EventStore.class)
    InMemoryEventStore eventCoreStore() {
      return new InMemoryEventStore();
    }
  }

  /** The PostgreSQL store on the application's DataSource. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(PostgresEventStore.class)
  @ConditionalOnBean(DataSource.class)
  @ConditionalOnProperty(name = "eventcore.store", havingValue = "postgres", matchIfMissing = true)
  static class PostgresStore {
    @Bean
    @ConditionalOnMissingBean(EventStore.class)
    PostgresEventStore eventCoreStore(DataSource dataSource, EventCoreProperties properties,
        ObjectProvider<PostgresConfigCustomizer> customizers) {
      PostgresConfig config = postgresConfig(properties.getPostgres(), customizers);
      PostgresEventStore store = PostgresEventStore.create(dataSource, config);
      if (properties.getSchema().isInitialize()) {
        try {
          store.initialize();
        } catch (RuntimeException e) {
          store.close();
          throw e;
        }
        log.info("EventCore schema '{}' is up to date", config.schema());
      }
      return store;
    }

    /** The store's configuration from {@code eventcore.postgres.*} and the customizers. */
    static PostgresConfig postgresConfig(EventCoreProperties.Postgres p,
        ObjectProvider<PostgresConfigCustomizer> customizers) {
      PostgresConfig.Builder b = PostgresConfig.builder()
          .schema(p.getSchema())
          .isolation(p.getIsolation() == EventCoreProperties.Postgres.Isolation.SERIALIZABLE
              ? IsolationLevel.SERIALIZABLE : IsolationLevel.READ_COMMITTED)
          .maxRetries(p.getMaxRetries())
          .retryInitialDelay(p.getRetryInitialDelay())
          .retryMaxDelay(p.getRetryMaxDelay())
          .initializeTimeout(p.getInitializeTimeout())
          .acquireTimeout(p.getAcquireTimeout())
          .fetchSize(p.getFetchSize());
      customizers.orderedStream().forEach(c -> c.customize(b));
      return b.build();
    }

    /** Store metrics into the application's MeterRegistry, when there is one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class PostgresMetrics {
      @Bean
      PostgresConfigCustomizer eventCorePostgresMetrics(ObjectProvider<MeterRegistry> registry) {
        return builder -> {
          MeterRegistry r = registry.getIfUnique();
          if (r != null) {
            builder.meterRegistry(r);
          }
        };
      }
    }
  }
}

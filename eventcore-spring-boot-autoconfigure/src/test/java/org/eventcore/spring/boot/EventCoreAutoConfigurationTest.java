package org.eventcore.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.eventcore.examples.bank.Deposit;
import org.eventcore.examples.bank.OpenAccount;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.command.ConflictRetryPolicy;
import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.projection.ProjectionOptions;
import org.eventcore.runtime.projection.ProjectionRunner;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.spring.boot.actuate.EventCoreActuatorAutoConfiguration;
import org.eventcore.spring.boot.actuate.EventCoreEndpoint;
import org.eventcore.spring.boot.actuate.EventCoreHealthIndicator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every condition and back-off of the auto-configuration, one context per case. */
class EventCoreAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(EventCoreStoreAutoConfiguration.class,
          EventCoreAutoConfiguration.class, EventCoreActuatorAutoConfiguration.class));

  /** With Boot's DataSource auto-configuration, for the cases that give it a database. */
  private final ApplicationContextRunner withDataSource = runner
      .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class));

  private final ApplicationContextRunner memory = runner.withPropertyValues("eventcore.store=memory");

  @Test
  void memoryStoreExecutorAndProjectionsWhenStoreIsMemory() {
    memory.run(context -> {
      assertThat(context).hasSingleBean(InMemoryEventStore.class).hasSingleBean(CommandExecutor.class)
          .hasSingleBean(EventCoreProjections.class).doesNotHaveBean(PostgresEventStore.class);
      assertThat(context.getBean(CommandExecutor.class).retryPolicy()).isEqualTo(ConflictRetryPolicy.defaults());
    });
  }

  @Test
  void nothingWithoutDataSourceOrMemoryStore() {
    runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EventStore.class)
        .doesNotHaveBean(CommandExecutor.class).doesNotHaveBean(EventCoreProjections.class)
        .doesNotHaveBean(EventCoreHealthIndicator.class));
  }

  @Test
  void postgresStoreOnTheApplicationsDataSourceWithItsSchemaInitialized() {
    PostgresConfig db = TestDatabase.newSchema("spring_autoconfig");
    withDataSource.withPropertyValues(TestDatabase.properties(db)).run(context -> {
      assertThat(context).hasSingleBean(PostgresEventStore.class).hasSingleBean(DataSource.class)
          .hasSingleBean(CommandExecutor.class).hasSingleBean(EventCoreProjections.class);
      PostgresEventStore store = context.getBean(PostgresEventStore.class);
      assertThat(store.toString()).contains("external DataSource").contains("schema=" + db.schema());
      StreamId account = StreamId.of("acct-1");
      CommandExecutor executor = context.getBean(CommandExecutor.class);
      executor.execute(new OpenAccount(account, "Ada"));
      executor.execute(new Deposit(account, 500));
      HikariDataSource pool = context.getBean(HikariDataSource.class);
      // the store's connections came from Boot's pool: it is the only pool, and it has opened connections
      assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isPositive();
      assertThat(tables(pool, db.schema())).contains("events", "event_streams", "projection_checkpoints",
          "eventcore_schema_migrations");
    });
  }

  @Test
  void schemaInitializationCanBeTurnedOff() {
    PostgresConfig db = TestDatabase.newSchema("spring_noinit");
    withDataSource.withPropertyValues(TestDatabase.properties(db)).withPropertyValues("eventcore.schema.initialize=false")
        .run(context -> {
          assertThat(context).hasSingleBean(PostgresEventStore.class);
          assertThat(tables(context.getBean(DataSource.class), db.schema())).isEmpty();
        });
  }

  @Test
  void noPostgresStoreWithoutTheModuleOnTheClassPath() {
    PostgresConfig db = TestDatabase.newSchema("spring_nomodule");
    withDataSource.withPropertyValues(TestDatabase.properties(db))
        .withClassLoader(new FilteredClassLoader(PostgresEventStore.class))
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(DataSource.class)
            .doesNotHaveBean(EventStore.class).doesNotHaveBean(CommandExecutor.class));
  }

  @Test
  void memoryStoreWinsOverTheDataSourceWhenAskedFor() {
    PostgresConfig db = TestDatabase.newSchema("spring_memory");
    withDataSource.withPropertyValues(TestDatabase.properties(db)).withPropertyValues("eventcore.store=memory")
        .run(context -> assertThat(context).hasSingleBean(InMemoryEventStore.class)
            .doesNotHaveBean(PostgresEventStore.class));
  }

  @Test
  void backsOffFromTheApplicationsOwnStoreAndExecutor() {
    memory.withUserConfiguration(OwnBeans.class).run(context -> {
      assertThat(context).hasSingleBean(EventStore.class).hasSingleBean(CommandExecutor.class);
      assertThat(context.getBean(EventStore.class)).isSameAs(context.getBean("ownStore"));
      assertThat(context.getBean(CommandExecutor.class)).isSameAs(context.getBean("ownExecutor"));
      assertThat(context.getBean(CommandExecutor.class).retryPolicy()).isEqualTo(ConflictRetryPolicy.noRetry());
    });
  }

  @Test
  void anOwnStoreIsUsedWithoutDataSourceAndWithoutMemoryProperty() {
    runner.withUserConfiguration(OwnStore.class).run(context -> {
      assertThat(context).hasSingleBean(EventStore.class).hasSingleBean(CommandExecutor.class)
          .hasSingleBean(EventCoreProjections.class);
      assertThat(context.getBean(EventCoreProjections.class).source()).isSameAs(context.getBean("ownStore"));
    });
  }

  @Test
  void retryPolicyFromProperties() {
    memory.withPropertyValues("eventcore.command.retry.max-attempts=2", "eventcore.command.retry.initial-delay=7ms",
        "eventcore.command.retry.max-delay=70ms", "eventcore.command.retry.jitter=0.5").run(context ->
        assertThat(context.getBean(CommandExecutor.class).retryPolicy())
            .isEqualTo(new ConflictRetryPolicy(2, Duration.ofMillis(7), Duration.ofMillis(70), 0.5)));
  }

  @Test
  void invalidRetryPolicyFailsTheStartWithTheRule() {
    memory.withPropertyValues("eventcore.command.retry.max-attempts=0").run(context ->
        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("maxAttempts"));
  }

  @Test
  void invalidPostgresSettingFailsTheStartWithTheRule() {
    PostgresConfig db = TestDatabase.newSchema("spring_invalid");
    withDataSource.withPropertyValues(TestDatabase.properties(db)).withPropertyValues("eventcore.postgres.schema=no-dash")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("schema must be").hasMessageContaining("no-dash"));
  }

  @Test
  void metricsGoToTheApplicationsMeterRegistry() {
    memory.withUserConfiguration(Registry.class).run(context -> {
      context.getBean(CommandExecutor.class).execute(new OpenAccount(StreamId.of("m-1"), "Ada"));
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertThat(registry.find("eventcore.command.executions").timers()).isNotEmpty();
    });
  }

  @Test
  void storeAndProjectionMetricsGoToTheApplicationsMeterRegistry() {
    PostgresConfig db = TestDatabase.newSchema("spring_metrics");
    withDataSource.withPropertyValues(TestDatabase.properties(db)).withUserConfiguration(Registry.class, Projections.class)
        .run(context -> {
          CommandExecutor executor = context.getBean(CommandExecutor.class);
          executor.execute(new OpenAccount(StreamId.of("pm-1"), "Ada"));
          assertThat(context.getBean(EventCoreProjections.class).runner("delivery-log").orElseThrow()
              .awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.find("eventcore.store.append").timers()).isNotEmpty();
          assertThat(registry.find("eventcore.command.executions").timers()).isNotEmpty();
          assertThat(registry.find("eventcore.projection.events").counters()).isNotEmpty();
        });
  }

  @Test
  void startsWithoutMicrometer() {
    memory.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context ->
        assertThat(context).hasNotFailed().hasSingleBean(CommandExecutor.class));
  }

  @Test
  void projectionBeansAreRunAndCatchUp() {
    memory.withUserConfiguration(Projections.class).run(context -> {
      CommandExecutor executor = context.getBean(CommandExecutor.class);
      executor.execute(new OpenAccount(StreamId.of("p-1"), "Ada"));
      executor.execute(new Deposit(StreamId.of("p-1"), 100));
      ProjectionRunner<?> r = context.getBean(EventCoreProjections.class).runner("delivery-log").orElseThrow();
      assertThat(r.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
      assertThat(context.getBean(DeliveryLog.class).deliveries()).hasSize(2);
      assertThat(r.status().state()).isEqualTo(ProjectionRunner.State.LEADING);
    });
  }

  @Test
  void aProjectionCanBeDisabled() {
    memory.withUserConfiguration(Projections.class)
        .withPropertyValues("eventcore.projections.delivery-log.enabled=false")
        .run(context -> assertThat(context.getBean(EventCoreProjections.class).runners()).isEmpty());
  }

  @Test
  void twoBeansOfOneProjectionFailTheStart() {
    memory.withUserConfiguration(Projections.class, SecondLog.class).run(context ->
        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("are both projection 'delivery-log'"));
  }

  @Test
  void projectionPropertiesBecomeRunnerOptions() {
    ProjectionProperties p = new ProjectionProperties();
    p.setBatchSize(7);
    p.setPollInterval(Duration.ofMillis(20));
    p.setOnError(ProjectionProperties.OnError.RETRY);
    p.setRetryMaxAttempts(4);
    p.setStreamPrefix("acct-");
    p.setTransactional(true);
    ProjectionOptions o = p.toOptions();
    assertThat(o.batchSize()).isEqualTo(7);
    assertThat(o.pollInterval()).isEqualTo(Duration.ofMillis(20));
    assertThat(o.errorPolicy().maxAttempts()).isEqualTo(4);
    assertThat(o.transactional()).isTrue();
    assertThat(o.filter().streamPrefix()).isEqualTo("acct-");
    assertThat(new ProjectionProperties().toOptions()).isEqualTo(ProjectionOptions.defaults());
  }

  @Test
  void projectionOptionsAreBoundPerName() {
    memory.withPropertyValues("eventcore.projections.delivery-log.batch-size=3",
        "eventcore.projections.delivery-log.on-error=skip").run(context -> {
          EventCoreProperties p = context.getBean(EventCoreProperties.class);
          assertThat(p.projection("delivery-log").toOptions().batchSize()).isEqualTo(3);
          assertThat(p.projection("delivery-log").getOnError()).isEqualTo(ProjectionProperties.OnError.SKIP);
          assertThat(p.projection("other").toOptions()).isEqualTo(ProjectionOptions.defaults());
        });
  }

  @Test
  void healthIndicatorReportsStoreAndProjections() {
    memory.withUserConfiguration(Projections.class).run(context -> {
      assertThat(context).hasSingleBean(EventCoreHealthIndicator.class);
      var health = context.getBean(EventCoreHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsKeys("store", "projections");
      assertThat(health.getDetails().get("projections").toString()).contains("delivery-log");
    });
  }

  @Test
  void healthIsDownWhenAProjectionFailed() {
    memory.withUserConfiguration(Failing.class).run(context -> {
      context.getBean(CommandExecutor.class).execute(new OpenAccount(StreamId.of("f-1"), "Ada"));
      ProjectionRunner<?> r = context.getBean(EventCoreProjections.class).runner("failing-log").orElseThrow();
      awaitState(r, ProjectionRunner.State.FAILED);
      var health = context.getBean(EventCoreHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails().get("projections").toString()).contains("FAILED")
          .contains("handler failed on purpose");
    });
  }

  @Test
  void healthIsOutOfServiceWhenAProjectionLagsBeyondTheThreshold() {
    // the handler fails and is retried (up to 1000 times, 30 s apart): meanwhile the projection sits behind
    memory.withUserConfiguration(Failing.class).withPropertyValues("eventcore.health.max-lag=0",
        "eventcore.projections.failing-log.on-error=retry", "eventcore.projections.failing-log.retry-max-attempts=1000",
        "eventcore.projections.failing-log.retry-initial-delay=30s",
        "eventcore.projections.failing-log.retry-max-delay=30s").run(context -> {
          context.getBean(CommandExecutor.class).execute(new OpenAccount(StreamId.of("l-1"), "Ada"));
          ProjectionRunner<?> r = context.getBean(EventCoreProjections.class).runner("failing-log").orElseThrow();
          long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
          while (r.status().errors() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
          }
          assertThat(r.status().errors()).isPositive();
          var health = context.getBean(EventCoreHealthIndicator.class).health();
          assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
          assertThat(health.getDetails().get("projections").toString()).contains("lag=1");
        });
  }

  @Test
  void healthIsDownWhenTheStoreIsUnreachable() {
    // a real connection attempt to a port where no server listens; the schema is not touched at start-up
    withDataSource.withUserConfiguration(Projections.class).withPropertyValues(
        "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1",
        "spring.datasource.username=nobody", "spring.datasource.hikari.connection-timeout=250",
        "eventcore.schema.initialize=false", "eventcore.postgres.max-retries=0",
        "eventcore.postgres.acquire-timeout=250ms").run(context -> {
          var health = context.getBean(EventCoreHealthIndicator.class).health();
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat(health.getDetails().get("store").toString()).contains("reachable=false")
              .contains("StoreException");
        });
  }

  private static void awaitState(ProjectionRunner<?> r, ProjectionRunner.State state) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (r.status().state() != state && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(r.status().state()).isEqualTo(state);
  }

  @Test
  void healthIndicatorCanBeDisabledOrReplaced() {
    memory.withPropertyValues("management.health.eventcore.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(EventCoreHealthIndicator.class));
    memory.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EventCoreHealthIndicator.class));
    memory.withUserConfiguration(OwnHealth.class).run(context -> assertThat(context)
        .hasSingleBean(HealthIndicator.class).doesNotHaveBean(EventCoreHealthIndicator.class));
  }

  @Test
  void endpointWhenExposed() {
    memory.run(context -> assertThat(context).doesNotHaveBean(EventCoreEndpoint.class));
    memory.withUserConfiguration(Projections.class)
        .withPropertyValues("management.endpoints.web.exposure.include=eventcore").run(context -> {
          assertThat(context).hasSingleBean(EventCoreEndpoint.class);
          EventCoreEndpoint.Report report = context.getBean(EventCoreEndpoint.class).report();
          assertThat(report.storeReachable()).isTrue();
          assertThat(report.projections()).extracting(EventCoreEndpoint.ProjectionView::name)
              .containsExactly("delivery-log");
          assertThat(context.getBean(EventCoreEndpoint.class).projection("delivery-log")).isNotNull();
          assertThat(context.getBean(EventCoreEndpoint.class).projection("nope")).isNull();
        });
  }

  private static List<String> tables(DataSource ds, String schema) throws SQLException {
    try (Connection c = ds.getConnection();
        ResultSet rs = c.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
      List<String> names = new java.util.ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
      return names;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnBeans {
    @Bean
    EventStore ownStore() {
      return new InMemoryEventStore();
    }

    @Bean
    CommandExecutor ownExecutor(EventStore store) {
      return new CommandExecutor(store, ConflictRetryPolicy.noRetry());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnStore {
    @Bean
    InMemoryEventStore ownStore() {
      return new InMemoryEventStore();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Projections {
    @Bean
    DeliveryLog deliveryLog() {
      return new DeliveryLog();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Failing {
    @Bean
    FailingLog failingLog() {
      return new FailingLog();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class SecondLog {
    @Bean
    DeliveryLog secondDeliveryLog() {
      return new DeliveryLog();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnHealth {
    @Bean
    HealthIndicator eventcoreHealthIndicator() {
      return () -> org.springframework.boot.health.contributor.Health.up().build();
    }
  }
}

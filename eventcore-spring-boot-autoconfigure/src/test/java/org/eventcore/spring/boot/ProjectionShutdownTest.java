package org.eventcore.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.eventcore.examples.bank.Deposit;
import org.eventcore.examples.bank.OpenAccount;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.projection.ProjectionRunner;
import org.eventcore.spring.boot.actuate.EventCoreHealthIndicator;
import org.eventcore.spring.boot.app.BankTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Graceful shutdown: while a writer keeps appending, the application is closed in the middle of the event stream
 * and started again; across both runs every event reaches the projection exactly once (the stopping runner
 * finishes its event in progress and saves its checkpoint; the next run resumes from it).
 */
class ProjectionShutdownTest {

  @Test
  void noEventIsLostOrProcessedTwiceAcrossAStopAndStartOfTheContext() throws Exception {
    PostgresConfig db = TestDatabase.newSchema("spring_shutdown");
    StreamId[] accounts = {StreamId.of("s-1"), StreamId.of("s-2"), StreamId.of("s-3")};
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong commands = new AtomicLong();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    Map<UUID, Integer> deliveries = new HashMap<>();

    ConfigurableApplicationContext first = start(db, "5");
    Future<?> writes;
    try (PostgresEventStore own = new PostgresEventStore(db.toBuilder().maxConnections(2).build())) {
      CommandExecutor executor = new CommandExecutor(own);
      for (StreamId a : accounts) {
        executor.execute(new OpenAccount(a, "owner " + a.value()));
      }
      writes = writer.submit(() -> {
        for (long i = 0; writing.get(); i++) {
          executor.execute(new Deposit(accounts[(int) (i % accounts.length)], 1 + i % 7));
          commands.incrementAndGet();
        }
        return null;
      });
      DeliveryLog firstLog = first.getBean(DeliveryLog.class);
      awaitTrue(() -> firstLog.deliveries().size() >= 100, "the first run's projection to handle 100 events");
      first.close(); // stops the runner in the middle of the stream
      firstLog.deliveries().forEach((id, n) -> deliveries.merge(id, n.get(), Integer::sum));
      long atStop = commands.get();
      awaitTrue(() -> commands.get() >= atStop + 50, "50 more commands while the application is down");

      ConfigurableApplicationContext second = start(db, "7");
      try {
        DeliveryLog secondLog = second.getBean(DeliveryLog.class);
        awaitTrue(() -> secondLog.deliveries().size() >= 50, "the second run's projection to handle 50 events");
        writing.set(false);
        writes.get(60, TimeUnit.SECONDS);
        assertThat(second.getBean(EventCoreProjections.class).runner("delivery-log").orElseThrow()
            .awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        secondLog.deliveries().forEach((id, n) -> deliveries.merge(id, n.get(), Integer::sum));
      } finally {
        second.close();
      }
    } finally {
      writing.set(false);
      writer.shutdownNow();
    }

    Set<UUID> stored = storedEventIds(db.schema());
    assertThat(stored).hasSizeGreaterThan(150);
    assertThat(deliveries.keySet()).as("events delivered across both runs").isEqualTo(stored);
    assertThat(new HashSet<>(deliveries.values())).as("deliveries per event").containsOnly(1);
  }

  @Test
  void aSecondInstanceStandsByAndTakesOverWhenTheFirstStops() throws Exception {
    PostgresConfig db = TestDatabase.newSchema("spring_standby");
    ConfigurableApplicationContext first = start(db, "50");
    try {
      ProjectionRunner<?> leader = first.getBean(EventCoreProjections.class).runner("delivery-log").orElseThrow();
      awaitTrue(() -> leader.status().state() == ProjectionRunner.State.LEADING, "the first instance to lead");
      try (ConfigurableApplicationContext second = start(db, "50")) {
        ProjectionRunner<?> standby = second.getBean(EventCoreProjections.class).runner("delivery-log").orElseThrow();
        awaitTrue(() -> standby.status().state() == ProjectionRunner.State.STANDBY, "the second to stand by");
        assertThat(second.getBean(EventCoreHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);

        second.getBean(CommandExecutor.class).execute(new OpenAccount(StreamId.of("sb-1"), "Ada"));
        assertThat(leader.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        DeliveryLog firstLog = first.getBean(DeliveryLog.class);
        assertThat(firstLog.deliveries()).hasSize(1);

        first.close();
        awaitTrue(() -> standby.status().state() == ProjectionRunner.State.LEADING, "the second to take over");
        second.getBean(CommandExecutor.class).execute(new Deposit(StreamId.of("sb-1"), 10));
        assertThat(standby.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        // the new leader resumed from the first one's checkpoint: only the new event reached it
        assertThat(second.getBean(DeliveryLog.class).deliveries()).hasSize(1)
            .doesNotContainKeys(firstLog.deliveries().keySet().toArray(UUID[]::new));
      }
    } finally {
      first.close();
    }
  }

  private static ConfigurableApplicationContext start(PostgresConfig db, String batchSize) {
    return new SpringApplicationBuilder(BankTestApplication.class)
        .properties(TestDatabase.properties(db))
        .properties("eventcore.projections.delivery-log.batch-size=" + batchSize,
            "eventcore.projections.delivery-log.standby-interval=50ms", "spring.main.banner-mode=off")
        .run();
  }

  private static Set<UUID> storedEventIds(String schema) throws Exception {
    Set<UUID> ids = new HashSet<>();
    try (Connection c = PostgresTestDatabase.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT event_id FROM \"" + schema + "\".events")) {
      while (rs.next()) {
        ids.add(rs.getObject(1, UUID.class));
      }
    }
    return ids;
  }

  /** Waits up to 60 s for the condition, checking every 10 ms; fails naming what it waited for. */
  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up after 60 s waiting for " + what);
      }
      Thread.sleep(10);
    }
  }
}

package org.eventcore.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventcore.examples.bank.Deposit;
import org.eventcore.examples.bank.OpenAccount;
import org.eventcore.examples.bank.Transfer;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.command.ExecutionResult;
import org.eventcore.runtime.projection.ProjectionRunner;
import org.eventcore.runtime.store.EventStream;
import org.eventcore.spring.boot.actuate.EventCoreHealthIndicator;
import org.eventcore.spring.boot.app.BankTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole application on embedded PostgreSQL: commands through the auto-configured executor, a projection catching up. */
@SpringBootTest(classes = BankTestApplication.class)
class EventCoreSpringBootTest {
  private static final PostgresConfig DB = TestDatabase.newSchema("spring_boot_test");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    for (String p : TestDatabase.properties(DB)) {
      int eq = p.indexOf('=');
      registry.add(p.substring(0, eq), () -> p.substring(eq + 1));
    }
  }

  @Autowired CommandExecutor executor;
  @Autowired PostgresEventStore store;
  @Autowired EventCoreProjections projections;
  @Autowired DeliveryLog deliveryLog;
  @Autowired EventCoreHealthIndicator health;

  @Test
  void commandsRunAndTheProjectionCatchesUp() throws Exception {
    List<UUID> written = new ArrayList<>();
    StreamId a = StreamId.of("boot-a");
    StreamId b = StreamId.of("boot-b");
    EventMetadata metadata = EventMetadata.builder().correlationId(UUID.randomUUID()).build();
    for (Object command : List.of(new OpenAccount(a, "Ada"), new OpenAccount(b, "Bob"), new Deposit(a, 1_000),
        new Transfer(a, b, 400))) {
      ExecutionResult r = executor.execute(command, metadata);
      assertThat(r.events()).isNotEmpty();
    }
    ProjectionRunner<?> runner = projections.runner("delivery-log").orElseThrow();
    assertThat(runner.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
    for (StreamId account : List.of(a, b)) {
      try (EventStream events = store.readStream(account, 0)) {
        events.forEachRemaining(e -> written.add(e.eventId()));
      }
    }
    assertThat(written).hasSize(5);
    assertThat(deliveryLog.deliveries()).containsOnlyKeys(written);
    assertThat(deliveryLog.deliveries().values()).extracting(AtomicInteger::get).containsOnly(1);
    assertThat(runner.status().state()).isEqualTo(ProjectionRunner.State.LEADING);

    Health h = health.health();
    assertThat(h.getStatus()).isEqualTo(Status.UP);
    assertThat(h.getDetails().get("projections").toString()).contains("delivery-log").contains("LEADING")
        .contains("lag=0");
  }
}

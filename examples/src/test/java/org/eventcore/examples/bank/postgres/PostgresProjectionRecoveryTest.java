package org.eventcore.examples.bank.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.eventcore.examples.bank.Deposit;
import org.eventcore.examples.bank.OpenAccount;
import org.eventcore.examples.bank.SqlBalances;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.FaultProxy;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.projection.ErrorPolicy;
import org.eventcore.runtime.projection.ProjectionOptions;
import org.eventcore.runtime.projection.ProjectionRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A transactional (exactly-once) projection under store faults: a lost COMMIT acknowledgement does not deliver a
 * batch twice, and an outage is backed off from and recovered by itself, whatever the error policy (which only
 * sees handler failures). Waits are bounds, never timing assertions.
 */
class PostgresProjectionRecoveryTest {
  private static final int DEPOSITS = 50;

  private static PostgresEventStore proxied(PostgresConfig base, FaultProxy proxy) {
    return new PostgresEventStore(base.toBuilder().url(proxy.route(base.url())).maxRetries(2)
        .acquireTimeout(Duration.ofSeconds(1)).connectTimeout(Duration.ofSeconds(1))
        .loginTimeout(Duration.ofSeconds(1)).socketTimeout(Duration.ofSeconds(3))
        .statementTimeout(Duration.ofSeconds(2)).build());
  }

  private static void seed(PostgresConfig base, StreamId account) throws SQLException {
    try (PostgresEventStore direct = new PostgresEventStore(base)) {
      direct.initialize();
      try (Connection c = PostgresTestDatabase.connect()) {
        SqlBalances.createTable(c, base.schema());
      }
      CommandExecutor executor = new CommandExecutor(direct);
      executor.execute(new OpenAccount(account, "Ann"));
      for (int i = 0; i < DEPOSITS; i++) {
        executor.execute(new Deposit(account, 1));
      }
    }
  }

  private static long entries(PostgresConfig base, StreamId account) throws SQLException {
    try (Connection c = PostgresTestDatabase.connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT coalesce(sum(entries), 0) FROM \"" + base.schema() + "\".bank_balances WHERE account = ?")) {
      ps.setString(1, account.value());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void lostCommitAcknowledgementsOfTransactionalBatchesDeliverEachEventOnce() throws Exception {
    PostgresConfig base = PostgresTestDatabase.newSchema("lostcommit").build();
    StreamId account = StreamId.of("lost-commit-1");
    seed(base, account);
    try (FaultProxy proxy = FaultProxy.inFrontOf(base.url()); PostgresEventStore store = proxied(base, proxy)) {
      proxy.dropAnswersTo("COMMIT", 3); // the first three batches commit, and the runner never hears so
      try (ProjectionRunner<SqlBalances> runner = new ProjectionRunner<>(store, new SqlBalances(base.schema()),
          ProjectionOptions.defaults().withTransactional(true).withBatchSize(10)
              .withStandbyInterval(Duration.ofMillis(50))).start()) {
        assertThat(runner.awaitCaughtUp(Duration.ofSeconds(60))).as("%s", runner.status()).isTrue();
        assertThat(proxy.dropped()).isEqualTo(3);
        assertThat(entries(base, account)).as("each deposit delivered exactly once").isEqualTo(DEPOSITS);
        assertThat(runner.status().errors()).isZero();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"stop", "skip"})
  void outageDuringTransactionalBatchesIsRecoveredWithoutTheErrorPolicy(String policy) throws Exception {
    PostgresConfig base = PostgresTestDatabase.newSchema("outage").build();
    StreamId account = StreamId.of("outage-1");
    seed(base, account);
    try (FaultProxy proxy = FaultProxy.inFrontOf(base.url()); PostgresEventStore store = proxied(base, proxy)) {
      ErrorPolicy errorPolicy = policy.equals("stop") ? ErrorPolicy.stop() : ErrorPolicy.skip();
      // the outage starts at the first batch's COMMIT: its answer is lost and the database refuses everyone
      proxy.dropAnswerTo("COMMIT");
      proxy.afterDrop(() -> proxy.refuseFor(Duration.ofSeconds(4)));
      try (ProjectionRunner<SqlBalances> runner = new ProjectionRunner<>(store, new SqlBalances(base.schema()),
          ProjectionOptions.defaults().withTransactional(true).withBatchSize(10).withErrorPolicy(errorPolicy)
              .withStandbyInterval(Duration.ofMillis(100))).start()) {
        org.eventcore.runtime.projection.ProjectionRunner.Status[] seen = {null};
        waitFor(() -> {
          var s = runner.status();
          if (s.reason().orElse("").contains("store failure")) {
            seen[0] = s;
          }
          return seen[0] != null;
        });
        assertThat(seen[0].state()).isEqualTo(ProjectionRunner.State.STANDBY);
        assertThat(seen[0].reason().orElseThrow()).contains("trying again in");

        assertThat(runner.awaitCaughtUp(Duration.ofSeconds(60))).as("%s", runner.status()).isTrue();
        assertThat(runner.status().state()).isEqualTo(ProjectionRunner.State.LEADING);
        assertThat(runner.status().errors()).as("the error policy saw nothing").isZero();
        assertThat(entries(base, account)).as("nothing skipped, nothing twice").isEqualTo(DEPOSITS);
      }
    }
  }

  @Test
  void aStoreFailureLimitStopsTheRunnerFailedWithItsCause() throws Exception {
    PostgresConfig base = PostgresTestDatabase.newSchema("limit").build();
    StreamId account = StreamId.of("limit-1");
    seed(base, account);
    try (FaultProxy proxy = FaultProxy.inFrontOf(base.url()); PostgresEventStore store = proxied(base, proxy)) {
      proxy.refuseFor(Duration.ofSeconds(60));
      try (ProjectionRunner<SqlBalances> runner = new ProjectionRunner<>(store, new SqlBalances(base.schema()),
          ProjectionOptions.defaults().withTransactional(true).withStandbyInterval(Duration.ofMillis(50))
              .withStoreFailureLimit(2)).start()) {
        waitFor(() -> runner.status().state() == ProjectionRunner.State.FAILED);
        ProjectionRunner.Status s = runner.status();
        assertThat(s.failure()).get().isInstanceOf(org.eventcore.runtime.StoreException.class);
        assertThat(s.reason().orElseThrow()).startsWith("failed: ");
        runner.stop();
        assertThat(runner.status().failure()).as("a stopped runner keeps its cause").isPresent();
        assertThat(runner.status().state()).isEqualTo(ProjectionRunner.State.FAILED);
      }
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 60 s");
      }
      Thread.sleep(10);
    }
  }
}

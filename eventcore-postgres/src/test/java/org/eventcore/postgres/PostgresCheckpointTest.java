package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.UUID;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.projection.Leadership;
import org.junit.jupiter.api.Test;

/** A transactional batch's checkpoint moves only from the checkpoint the batch started from. */
class PostgresCheckpointTest {

  @Test
  void batchRunAgainAfterItCommittedCommitsNothingASecondTime() throws Exception {
    try (PostgresEventStore store = PgTestSupport.newStore("cond")) {
      String schema = store.toString().replaceAll(".*schema=([^,\\]]+).*", "$1");
      PgTestSupport.execute("CREATE TABLE \"" + schema + "\".deliveries (n INT)");
      String projection = "cond-" + UUID.randomUUID();
      Position b = new Position(5, 50);
      Leadership.TransactionalWork deliver = tx -> {
        try (var st = tx.createStatement()) {
          st.execute("INSERT INTO \"" + schema + "\".deliveries VALUES (1)");
        }
      };
      try (Leadership lead = store.tryLead(projection).orElseThrow()) {
        lead.inTransaction(Optional.empty(), b, deliver);
        // the same batch again, as after a lost COMMIT acknowledgement: it started from no checkpoint
        assertThatThrownBy(() -> lead.inTransaction(Optional.empty(), b, deliver))
            .isInstanceOfSatisfying(StoreException.class, e -> {
              assertThat(e.operation()).isEqualTo(StoreOperation.CHECKPOINT);
              assertThat(e.retryable()).isTrue();
            })
            .hasMessageContaining("started from checkpoint none, but the store holds fencing token 1, checkpoint "
                + b);
        assertThat(lead.isHeld()).as("a moved checkpoint is not a lost lead").isTrue();
        // the next batch, from the stored checkpoint, commits
        lead.inTransaction(Optional.of(b), new Position(6, 60), deliver);
      }
      assertThat(PgTestSupport.queryLong("SELECT count(*) FROM \"" + schema + "\".deliveries")).isEqualTo(2);
      assertThat(store.checkpoint(projection)).contains(new Position(6, 60));
    }
  }
}

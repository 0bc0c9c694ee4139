package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eventcore.postgres.testing.PostgresStoreExtension;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.AppendResult;
import org.eventcore.runtime.store.CommandKey;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.NewEvent;
import org.eventcore.testing.IdempotencyContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared idempotency contract on PostgreSQL, and keys that outlive the store that wrote them. */
class PostgresIdempotencyContractTest extends IdempotencyContract {
  @RegisterExtension
  static final PostgresStoreExtension DB = PostgresStoreExtension.newSchema("idempotency_contract");

  @Override
  protected EventStore store() {
    return DB.store();
  }

  /** A key written by one store instance is honoured by another on the same schema: a restart, another process. */
  @Test
  void aKeyIsHonouredByAnotherStoreOnTheSameSchema() {
    StreamId s = StreamId.of("idem-restart-" + UUID.randomUUID());
    String key = "restart-" + UUID.randomUUID();
    CommandKey commandKey = new CommandKey(key, "Deposit", List.of(s));
    NewEvent first = new NewEvent(UuidV7.next(), s, "Happened", "{}", EventMetadata.EMPTY);
    PostgresConfig config = PostgresTestDatabase.newSchema("idempotency_restart").build();
    try (PostgresEventStore before = new PostgresEventStore(config)) {
      before.initialize();
      before.append(new AppendRequest(Map.of(s, 0L), List.of(first), commandKey));
    }

    try (PostgresEventStore other = new PostgresEventStore(config)) {
      NewEvent decidedAgain = new NewEvent(UuidV7.next(), s, "Happened", "{}", EventMetadata.EMPTY);
      AppendResult again = other.append(new AppendRequest(Map.of(s, 0L), List.of(decidedAgain), commandKey));

      assertThat(again.replayed()).isTrue();
      assertThat(again.replayOf().eventIds()).containsExactly(first.eventId());
      assertThat(other.readStreams(List.of(s), e -> {}).get(s)).isEqualTo(1);
    }
  }
}

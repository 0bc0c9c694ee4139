package org.eventcore.examples.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.eventcore.examples.codec.Guarded.Levels;
import org.eventcore.examples.codec.Guarded.Receive;
import org.eventcore.examples.codec.Guarded.StockEvent;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.SerializationException;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.codec.EventCodecs;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.projection.ProjectionBindings;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.NewEvent;
import org.junit.jupiter.api.Test;

/**
 * Decode failures say where: a stored row that the record's own canonical constructor rejects is a
 * {@link SerializationException} naming the stored type, the JSON path and the constructor's message, and, when
 * it came from the store, the stream and version, in the codec, the command executor's fold and projection
 * bindings alike. An unknown type name inside an embedded family field names the outer event and the field.
 */
class LocatedDecodeErrorTest {
  private static final EventCodec<StockEvent> CODEC = EventCodecs.of(StockEvent.class);
  private static final StreamId BIN = StreamId.of("bin-1");
  private static final String REJECTED = "{\"bin\":\"bin-1\",\"quantity\":-3}";

  private static void append(EventStore store, String payload) {
    store.append(AppendRequest.single(BIN, 0, List.of(new NewEvent(UuidV7.next(), BIN, "Received", payload,
        null))));
  }

  private static void assertRejectedAtVersionOne(SerializationException e) {
    assertThat(e.eventType()).isEqualTo("Received");
    assertThat(e.path()).isEqualTo("$");
    assertThat(e.streamId()).isEqualTo(BIN);
    assertThat(e.version()).isEqualTo(1);
    assertThat(e).hasMessageContaining("at stream 'bin-1' version 1")
        .hasMessageContaining("rejected the stored values: quantity must be positive, got -3")
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCodecTurnsAConstructorRejectionIntoASerializationExceptionAtItsPath() {
    assertThatThrownBy(() -> CODEC.decode("Received", REJECTED))
        .isInstanceOfSatisfying(SerializationException.class, e -> {
          assertThat(e.eventType()).isEqualTo("Received");
          assertThat(e.path()).isEqualTo("$");
          assertThat(e.streamId()).isNull();
          assertThat(e).hasMessageContaining("StockEvent.Received rejected the stored values: quantity must be"
              + " positive, got -3");
        })
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theExecutorLocatesAStoredRowTheConstructorRejects() {
    InMemoryEventStore store = new InMemoryEventStore();
    append(store, REJECTED);
    assertThatThrownBy(() -> new CommandExecutor(store).execute(new Receive(BIN, 5)))
        .isInstanceOfSatisfying(SerializationException.class, LocatedDecodeErrorTest::assertRejectedAtVersionOne);
    assertThat(store.allEvents()).hasSize(1);
  }

  @Test
  void theExecutorOnPostgresLocatesAStoredRowTheConstructorRejects() {
    PostgresConfig config = PostgresTestDatabase.newSchema("guarded").build();
    try (PostgresEventStore store = new PostgresEventStore(config)) {
      store.initialize();
      append(store, REJECTED);
      assertThatThrownBy(() -> new CommandExecutor(store).execute(new Receive(BIN, 5)))
          .isInstanceOfSatisfying(SerializationException.class,
              LocatedDecodeErrorTest::assertRejectedAtVersionOne);
    }
  }

  @Test
  void aProjectionBindingLocatesAStoredRowTheConstructorRejects() {
    InMemoryEventStore store = new InMemoryEventStore();
    append(store, REJECTED);
    StoredEvent stored = store.allEvents().get(0);
    assertThatThrownBy(() -> ProjectionBindings.of(Levels.class).dispatch(new Levels(), stored, null))
        .isInstanceOfSatisfying(SerializationException.class, LocatedDecodeErrorTest::assertRejectedAtVersionOne);
  }

  @Test
  void anUnknownTypeInsideAnEmbeddedFamilyFieldNamesTheOuterEventAndTheField() {
    assertThatThrownBy(() -> CODEC.decode("Noted", "{\"bin\":\"bin-1\",\"result\":{\"type\":\"Exploded\"}}"))
        .isInstanceOfSatisfying(SerializationException.class, e -> {
          assertThat(e.eventType()).isEqualTo("Noted");
          assertThat(e.path()).isEqualTo("$.result");
          assertThat(e).hasMessageContaining("unknown event type 'Exploded' for family"
              + " org.eventcore.examples.codec.Sink.Remark; known types: Said, Flagged");
        });
  }
}

package org.eventcore.examples.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eventcore.examples.bank.BankEvent;
import org.eventcore.examples.bank.BankEvent_EventCodec;
import org.eventcore.examples.evolution.AccountEvent.FeeCharged;
import org.eventcore.examples.evolution.AccountEvent.MoneyDeposited;
import org.eventcore.examples.evolution.AccountEvent.MoneyWithdrawn;
import org.eventcore.examples.evolution.AccountEvent.Opened;
import org.eventcore.runtime.CommandRejectedException;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.SerializationException;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.projection.ProjectionRunner;
import org.eventcore.runtime.projection.ProjectionSource;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.NewEvent;
import org.junit.jupiter.api.Test;

/**
 * Stored histories in old formats, inserted as the old code wrote them (type name and JSON payload, nothing
 * else), read by the new code: {@link AccountEvent} and its former versions. Every store runs it: the rows go in
 * through {@link #insertOld}, raw SQL on PostgreSQL and raw {@link NewEvent}s in memory.
 */
abstract class EvolutionContract {
  static final EventCodec<AccountEvent> CODEC = AccountEvent_EventCodec.INSTANCE;
  static final UUID TRANSFER = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");

  /** A store of its own for this test (both an event store and a projection source). */
  abstract EventStore newStore();

  /** Stores one row exactly as given: version {@code version} of {@code stream} (the previous ones exist). */
  abstract void insertOld(EventStore store, StreamId stream, long version, String type, String json)
      throws Exception;

  /** The six rows the earlier bank wrote for one account, in order. */
  void insertOldHistory(EventStore store, StreamId account) throws Exception {
    String a = "\"" + account.value() + "\"";
    insertOld(store, account, 1, "AccountOpened", "{\"account\":" + a + ",\"owner\":\"Ann\","
        + "\"openedAt\":\"2024-01-02T03:04:05Z\"}");
    insertOld(store, account, 2, "MoneyDeposited", "{\"account\":" + a + ",\"amountCents\":10000,"
        + "\"transferId\":null}");
    insertOld(store, account, 3, "MoneyDeposited.v2", "{\"account\":" + a + ",\"cents\":2550,"
        + "\"currency\":\"EUR\",\"transferId\":null}");
    insertOld(store, account, 4, "MoneyWithdrawn", "{\"account\":" + a + ",\"amountCents\":1000,"
        + "\"transferId\":\"" + TRANSFER + "\"}");
    insertOld(store, account, 5, "WithdrawnWithFee", "{\"account\":" + a + ",\"amountCents\":500,"
        + "\"feeCents\":50}");
    insertOld(store, account, 6, "BonusPaid", "{\"account\":" + a + ",\"cents\":125}");
  }

  /** What the six old rows stand for today: seven current events (the fee row is split). */
  static List<AccountEvent> currentHistory(StreamId account) {
    return List.of(
        new Opened(account, "Ann", Optional.empty()),
        new MoneyDeposited(account, new BigDecimal("100.00"), "EUR", Optional.empty()),
        new MoneyDeposited(account, new BigDecimal("25.50"), "EUR", Optional.empty()),
        new MoneyWithdrawn(account, 1000, Optional.of(TRANSFER)),
        new MoneyWithdrawn(account, 500, Optional.empty()),
        new FeeCharged(account, 50),
        new MoneyDeposited(account, new BigDecimal("1.25"), "EUR", Optional.empty()));
  }

  static List<AccountEvent> read(EventStore store, StreamId stream) {
    List<AccountEvent> events = new ArrayList<>();
    store.readStreams(List.of(stream), s -> events.addAll(CODEC.decodeAll(s.eventType(), s.payload())));
    return events;
  }

  static List<StoredEvent> rows(EventStore store, StreamId stream) {
    List<StoredEvent> rows = new ArrayList<>();
    store.readStreams(List.of(stream), rows::add);
    return rows;
  }

  private List<AccountEvent> readOne(String type, String json) throws Exception {
    EventStore store = newStore();
    StreamId s = StreamId.of("acc-1");
    insertOld(store, s, 1, type, json);
    return read(store, s);
  }

  @Test
  void oldRowsAreTheOnesTheOldCodeWrote() {
    String written = BankEvent_EventCodec.INSTANCE.encode(
        new BankEvent.MoneyDeposited(StreamId.of("acc-1"), 10000, Optional.empty()));
    assertThat(written).isEqualTo("{\"account\":\"acc-1\",\"amountCents\":10000,\"transferId\":null}");
    assertThat(BankEvent_EventCodec.INSTANCE.encode(new BankEvent.AccountOpened(StreamId.of("acc-1"), "Ann",
        Instant.parse("2024-01-02T03:04:05Z"))))
        .isEqualTo("{\"account\":\"acc-1\",\"owner\":\"Ann\",\"openedAt\":\"2024-01-02T03:04:05Z\"}");
  }

  @Test
  void addedAndRemovedFieldsReadOldRows() throws Exception {
    // renamed type too: the row says AccountOpened, an alias of account.opened
    assertThat(readOne("AccountOpened", "{\"account\":\"acc-1\",\"owner\":\"Ann\","
        + "\"openedAt\":\"2024-01-02T03:04:05Z\"}"))
        .containsExactly(new Opened(StreamId.of("acc-1"), "Ann", Optional.empty()));
  }

  @Test
  void renamedTypeReadsItsOldName() throws Exception {
    assertThat(readOne("AccountOpened", "{\"account\":\"acc-1\",\"owner\":\"Bo\",\"branch\":\"Lyon\"}"))
        .containsExactly(new Opened(StreamId.of("acc-1"), "Bo", Optional.of("Lyon")));
  }

  @Test
  void fieldRenameReadsOldRows() throws Exception {
    assertThat(readOne("MoneyWithdrawn", "{\"account\":\"acc-1\",\"amountCents\":1000,\"transferId\":\""
        + TRANSFER + "\"}")).containsExactly(new MoneyWithdrawn(StreamId.of("acc-1"), 1000, Optional.of(TRANSFER)));
  }

  @Test
  void typeChangeReadsOldRows() throws Exception {
    assertThat(readOne("MoneyDeposited.v2", "{\"account\":\"acc-1\",\"cents\":2550,\"currency\":\"USD\"}"))
        .containsExactly(new MoneyDeposited(StreamId.of("acc-1"), new BigDecimal("25.50"), "USD", Optional.empty()));
  }

  @Test
  void threeStepChainReadsVersionOneRows() throws Exception {
    String written = BankEvent_EventCodec.INSTANCE.encode(
        new BankEvent.MoneyDeposited(StreamId.of("acc-1"), 10001, Optional.of(TRANSFER)));
    assertThat(readOne("MoneyDeposited", written)).containsExactly(
        new MoneyDeposited(StreamId.of("acc-1"), new BigDecimal("100.01"), "EUR", Optional.of(TRANSFER)));
  }

  @Test
  void splitReadsOneRowAsTwoEvents() throws Exception {
    assertThat(readOne("WithdrawnWithFee", "{\"account\":\"acc-1\",\"amountCents\":500,\"feeCents\":50}"))
        .containsExactly(new MoneyWithdrawn(StreamId.of("acc-1"), 500, Optional.empty()),
            new FeeCharged(StreamId.of("acc-1"), 50));
  }

  @Test
  void mergedTypeReadsAsItsSuccessor() throws Exception {
    assertThat(readOne("BonusPaid", "{\"account\":\"acc-1\",\"cents\":125}"))
        .containsExactly(new MoneyDeposited(StreamId.of("acc-1"), new BigDecimal("1.25"), "EUR", Optional.empty()));
  }

  @Test
  void wholeOldHistoryReadsAsCurrentEvents() throws Exception {
    EventStore store = newStore();
    StreamId account = StreamId.of("acc-1");
    insertOldHistory(store, account);
    assertThat(read(store, account)).isEqualTo(currentHistory(account));
  }

  @Test
  void commandsDecideOnTheUpcastStateAndWriteTheCurrentVersion() throws Exception {
    EventStore store = newStore();
    StreamId account = StreamId.of("acc-1");
    insertOldHistory(store, account);
    CommandExecutor executor = new CommandExecutor(store);
    // 100.00 + 25.50 - 10.00 - 5.00 - 0.50 + 1.25 = 111.25
    assertThatThrownBy(() -> executor.execute(new WithdrawMoney(account, 11126)))
        .isInstanceOf(CommandRejectedException.class).hasMessageContaining("balance 111.25 does not cover 111.26");
    executor.execute(new WithdrawMoney(account, 11125));
    List<StoredEvent> rows = rows(store, account);
    assertThat(rows).hasSize(7);
    StoredEvent written = rows.get(6);
    assertThat(written.eventType()).isEqualTo("MoneyWithdrawn.v2");
    assertThat(written.payload()).contains("cents").doesNotContain("amountCents");
    assertThat(CODEC.decodeAll(written.eventType(), written.payload()))
        .containsExactly(new MoneyWithdrawn(account, 11125, Optional.empty()));
    assertThatThrownBy(() -> executor.execute(new WithdrawMoney(account, 1)))
        .isInstanceOf(CommandRejectedException.class).hasMessageContaining("balance 0.00 does not cover 0.01");
  }

  @Test
  void projectionRebuildsTheSameReadModelFromOldAndCurrentRows() throws Exception {
    StreamId account = StreamId.of("acc-1");
    EventStore old = newStore();
    insertOldHistory(old, account);
    EventStore current = newStore();
    List<NewEvent> rows = new ArrayList<>();
    for (AccountEvent e : currentHistory(account)) {
      rows.add(new NewEvent(UuidV7.next(), CODEC.streamId(e), CODEC.typeName(e), CODEC.encode(e),
          EventMetadata.EMPTY));
    }
    current.append(AppendRequest.single(account, 0, rows));

    Balances fromOld = new Balances();
    new ProjectionRunner<>((ProjectionSource) old, fromOld).runOnce();
    Balances fromCurrent = new Balances();
    new ProjectionRunner<>((ProjectionSource) current, fromCurrent).runOnce();

    assertThat(fromOld.balances).isEqualTo(Map.of(account, new BigDecimal("111.25")))
        .isEqualTo(fromCurrent.balances);
    assertThat(fromOld.statement).hasSize(7).isEqualTo(fromCurrent.statement);
    assertThat(fromOld.statement.get(5)).isEqualTo("acc-1 fee 0.50");
  }

  @Test
  void failingConversionIsLocatedAtTheStoredRow() throws Exception {
    EventStore store = newStore();
    StreamId account = StreamId.of("acc-1");
    insertOld(store, account, 1, "WithdrawnWithFee", "{\"account\":\"acc-1\",\"amountCents\":500,"
        + "\"feeCents\":-5}");
    assertThatThrownBy(() -> new CommandExecutor(store).execute(new WithdrawMoney(account, 1)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("WithdrawnWithFee")
        .hasMessageContaining("AccountEvent.WithdrawnWithFeeV1.upcast() failed: fee must not be negative, got -5")
        .hasMessageContaining("acc-1");
  }

  @Test
  void oldRowThatDoesNotFitIsLocatedLikeACurrentRow() throws Exception {
    EventStore store = newStore();
    StreamId account = StreamId.of("acc-1");
    insertOld(store, account, 1, "MoneyDeposited.v2", "{\"account\":\"acc-1\",\"cents\":\"many\"}");
    assertThatThrownBy(() -> new CommandExecutor(store).execute(new WithdrawMoney(account, 1)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("MoneyDeposited.v2")
        .hasMessageContaining("$.cents")
        .hasMessageContaining("acc-1");
  }
}

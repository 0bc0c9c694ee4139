package org.eventcore.examples.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eventcore.runtime.SerializationException;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.codec.EventCodecs;
import org.junit.jupiter.api.Test;

/** The codec API around former versions, without a store: one-event and several-event reads, names, errors. */
class FormerVersionCodecTest {
  private static final EventCodec<AccountEvent> CODEC = EventCodecs.of(AccountEvent.class);
  private static final StreamId ACCOUNT = StreamId.of("acc-1");

  @Test
  void newEventsAreWrittenUnderTheCurrentVersionsName() {
    assertThat(CODEC.typeName(new AccountEvent.MoneyDeposited(ACCOUNT, BigDecimal.ONE, "EUR", Optional.empty())))
        .isEqualTo("MoneyDeposited.v3");
    assertThat(CODEC.typeName(new AccountEvent.MoneyWithdrawn(ACCOUNT, 1, Optional.empty())))
        .isEqualTo("MoneyWithdrawn.v2");
    assertThat(CODEC.typeName(new AccountEvent.FeeCharged(ACCOUNT, 1))).isEqualTo("FeeCharged");
    assertThat(CODEC.typeNames()).containsExactly("account.opened", "MoneyDeposited.v3", "MoneyWithdrawn.v2",
        "FeeCharged");
  }

  @Test
  void oneEventReadConvertsOneToOneRows() {
    assertThat(CODEC.decode("BonusPaid", "{\"account\":\"acc-1\",\"cents\":125}"))
        .isEqualTo(new AccountEvent.MoneyDeposited(ACCOUNT, new BigDecimal("1.25"), "EUR", Optional.empty()));
  }

  @Test
  void oneEventReadOfASplitRowFailsNamingTheSinkRead() {
    assertThatThrownBy(() -> CODEC.decode("WithdrawnWithFee", "{\"account\":\"acc-1\",\"amountCents\":5,"
        + "\"feeCents\":1}"))
        .isInstanceOf(SerializationException.class).hasMessageContaining("WithdrawnWithFee")
        .hasMessageContaining("converts to several events");
  }

  @Test
  void sinkReadPassesEveryEventOfASplitRowInOrder() {
    List<AccountEvent> seen = new ArrayList<>();
    CODEC.decode("WithdrawnWithFee", "{\"account\":\"acc-1\",\"amountCents\":5,\"feeCents\":1}", seen::add);
    assertThat(seen).containsExactly(new AccountEvent.MoneyWithdrawn(ACCOUNT, 5, Optional.empty()),
        new AccountEvent.FeeCharged(ACCOUNT, 1));
  }

  @Test
  void currentRowsRoundTripThroughEveryRead() {
    AccountEvent e = new AccountEvent.MoneyDeposited(ACCOUNT, new BigDecimal("3.10"), "CHF", Optional.empty());
    String json = CODEC.encode(e);
    assertThat(CODEC.decode(CODEC.typeName(e), json)).isEqualTo(e);
    assertThat(CODEC.decodeAll(CODEC.typeName(e), json)).containsExactly(e);
  }

  @Test
  void unknownTypeNameListsTheCurrentTypes() {
    assertThatThrownBy(() -> CODEC.decodeAll("MoneyDeposited.v9", "{}"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown event type 'MoneyDeposited.v9'")
        .hasMessageContaining("account.opened, MoneyDeposited.v3, MoneyWithdrawn.v2, FeeCharged");
  }

  @Test
  void embeddedEventOfAFormerVersionIsConverted() {
    assertThat(EventCodecs.of(AuditEvent.class).decode("Recorded", "{\"audit\":\"audit-1\","
        + "\"event\":{\"type\":\"BonusPaid\",\"account\":\"acc-1\",\"cents\":125}}"))
        .isEqualTo(new AuditEvent.Recorded(StreamId.of("audit-1"),
            new AccountEvent.MoneyDeposited(ACCOUNT, new BigDecimal("1.25"), "EUR", Optional.empty())));
  }

  @Test
  void embeddedSplitRowFailsAtItsComponent() {
    assertThatThrownBy(() -> EventCodecs.of(AuditEvent.class).decode("Recorded", "{\"audit\":\"audit-1\","
        + "\"event\":{\"type\":\"WithdrawnWithFee\",\"account\":\"acc-1\",\"amountCents\":5,"
        + "\"feeCents\":1}}"))
        .isInstanceOf(SerializationException.class).hasMessageContaining("Recorded")
        .hasMessageContaining("converts to several events").hasMessageContaining("$.event");
  }

  @Test
  void missingPrimitiveOfAnOldShapeIsReportedWithItsOldName() {
    assertThatThrownBy(() -> CODEC.decodeAll("MoneyWithdrawn", "{\"account\":\"acc-1\"}"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("MoneyWithdrawn").hasMessageContaining("required value 'amountCents' missing");
  }
}

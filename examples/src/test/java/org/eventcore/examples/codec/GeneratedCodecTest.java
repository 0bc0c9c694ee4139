package org.eventcore.examples.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eventcore.examples.bank.BankEvent;
import org.eventcore.runtime.SerializationException;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.codec.EventCodecs;
import org.junit.jupiter.api.Test;

/** Behaviour of generated codecs: round trips of every supported type, tolerant reads and error messages. */
class GeneratedCodecTest {
  private static final EventCodec<Sink> CODEC = EventCodecs.of(Sink.class);
  private static final StreamId S = StreamId.of("sink-1");

  private static Sink.Item item(String sku, Sink.Item... parts) {
    return new Sink.Item(sku, 2, new Sink.Money(new BigDecimal("19.90"), "EUR"), List.of(parts));
  }

  private static Sink roundTrip(Sink event) {
    return CODEC.decode(CODEC.typeName(event), CODEC.encode(event));
  }

  @Test
  void codecIsFoundByConventionAndListsTypeNamesInPermitsOrder() {
    assertThat(CODEC).isInstanceOf(Sink_EventCodec.class);
    assertThat(CODEC.typeNames()).containsExactly("Scalars", "Times", "order.placed", "Annotated");
    assertThat(CODEC.family()).isEqualTo(Sink.class);
    assertThat(CODEC.typeProperty()).isEqualTo("kind");
  }

  @Test
  void scalarsRoundTrip() {
    Sink event = new Sink.Scalars(S, true, -7, Long.MAX_VALUE, (short) 12, (byte) -3, 1.5e300, 2.5f, 'x',
        Boolean.FALSE, 42, Long.MIN_VALUE, (short) -1, (byte) 127, Double.NaN, -0.5f, 'é', "héllo \"q\"\n",
        new BigDecimal("12345678901234567890.000000000000000001"), new BigInteger("-98765432109876543210987"),
        UUID.randomUUID(), Sink.Color.GREEN);
    assertThat(roundTrip(event)).isEqualTo(event);
  }

  @Test
  void nullReferencesRoundTrip() {
    Sink event = new Sink.Scalars(S, false, 0, 0, (short) 0, (byte) 0, 0, 0, 'a', null, null, null, null, null,
        null, null, null, null, null, null, null, null);
    assertThat(roundTrip(event)).isEqualTo(event);
  }

  @Test
  void javaTimeTypesRoundTrip() {
    Sink event = new Sink.Times(S, Instant.parse("2024-02-29T12:34:56.123456789Z"), LocalDate.of(2024, 2, 29),
        LocalTime.of(23, 59, 1), LocalDateTime.of(2020, 1, 1, 0, 0), OffsetDateTime.parse("2024-01-01T10:00+02:00"),
        ZonedDateTime.parse("2024-06-01T10:00+02:00[Europe/Paris]"), Duration.ofMillis(90061001),
        Period.of(1, 2, 3), Year.of(2031), YearMonth.of(1999, 12), MonthDay.of(2, 29), ZoneId.of("Asia/Tokyo"),
        ZoneOffset.ofHours(-5), StreamId.of("other-9"));
    assertThat(roundTrip(event)).isEqualTo(event);
  }

  @Test
  void containersNestedRecordsAndOptionalsRoundTrip() {
    Sink event = new Sink.Placed(S, List.of(item("a", item("a1"), item("a2")), item("b")), Set.of("x", "y"),
        Map.of("eur", new Sink.Money(BigDecimal.ONE, "EUR")), Optional.of(new Sink.Money(BigDecimal.TEN, "USD")),
        Optional.of(List.of(Map.of("k", 1), Map.of())), Optional.empty());
    assertThat(roundTrip(event)).isEqualTo(event);
  }

  @Test
  void embeddedEventsOfAnotherFamilyRoundTripWithTheirTypeProperty() {
    Sink event = new Sink.Annotated(S, new Sink.Remark.Flagged(S, 5),
        Optional.of(new Sink.Remark.Said(S, "hi")), List.of(new Sink.Remark.Said(S, "a"), new Sink.Remark.Flagged(S, 1)));
    String json = CODEC.encode(event);
    assertThat(json).contains("\"remark\":{\"type\":\"Flagged\",\"stream\":\"sink-1\",\"amountCents\":5}");
    assertThat(roundTrip(event)).isEqualTo(event);
  }

  @Test
  void payloadIsWrittenInComponentOrderWithJsonNamesAndWithoutTypeName() {
    Sink event = new Sink.Placed(S, List.of(), Set.of(), Map.of(), Optional.empty(), Optional.empty(),
        Optional.of("n"));
    assertThat(CODEC.encode(event)).isEqualTo("{\"stream\":\"sink-1\",\"order_items\":[],\"tags\":[],"
        + "\"prices\":{},\"discount\":null,\"nested\":null,\"note\":\"n\"}");
    assertThat(CODEC.typeName(event)).isEqualTo("order.placed");
    assertThat(CODEC.streamId(event)).isEqualTo(S);
  }

  @Test
  void readsAreTolerantOfUnknownAndAbsentFields() {
    Sink decoded = CODEC.decode("order.placed",
        "{\"future\":{\"deep\":[1,{\"x\":2}]},\"stream\":\"sink-1\",\"unknown\":[1,2,3]}");
    assertThat(decoded).isEqualTo(new Sink.Placed(S, List.of(), Set.of(), Map.of(), Optional.empty(),
        Optional.empty(), Optional.empty()));
  }

  @Test
  void aliasesDecodeToTheRecord() {
    String json = "{\"stream\":\"sink-1\",\"note\":\"old\"}";
    assertThat(CODEC.decode("OrderPlaced", json)).isEqualTo(CODEC.decode("order.placed", json))
        .isInstanceOf(Sink.Placed.class);
    assertThat(CODEC.decode("Placed", json)).isInstanceOf(Sink.Placed.class);
  }

  @Test
  void wrongTypeDeepInsideAListOfNestedRecordsNamesTheJsonPath() {
    String json = "{\"stream\":\"s\",\"order_items\":[{\"sku\":\"a\",\"quantity\":1},{\"sku\":\"b\","
        + "\"quantity\":1},{\"sku\":\"c\",\"quantity\":\"three\"}]}";
    assertThatThrownBy(() -> CODEC.decode("order.placed", json))
        .isInstanceOfSatisfying(SerializationException.class, e -> {
          assertThat(e.path()).isEqualTo("$.order_items[2].quantity");
          assertThat(e.eventType()).isEqualTo("order.placed");
          assertThat(e.getMessage()).contains("expected an integer for 'quantity' but found VALUE_STRING");
        });
  }

  @Test
  void missingPrimitiveNamesComponentAndJsonName() {
    String json = "{\"stream\":\"s\",\"order_items\":[{\"sku\":\"a\",\"quantity\":1},{\"sku\":\"b\"}]}";
    assertThatThrownBy(() -> CODEC.decode("order.placed", json))
        .isInstanceOfSatisfying(SerializationException.class, e -> {
          assertThat(e.path()).isEqualTo("$.order_items[1]");
          assertThat(e.getMessage()).contains("required value 'quantity' missing");
        });
    assertThatThrownBy(() -> CODEC.decode("order.placed", "{\"order_items\":[]}"))
        .hasMessageContaining("required value 'stream' missing");
  }

  @Test
  void badTextValuesNameWhatWasExpected() {
    assertThatThrownBy(() -> CODEC.decode("Times", "{\"stream\":\"s\",\"instant\":\"yesterday\"}"))
        .isInstanceOfSatisfying(SerializationException.class, e -> {
          assertThat(e.path()).isEqualTo("$.instant");
          assertThat(e.getMessage()).contains("expected an ISO-8601 instant for 'instant' but found 'yesterday'");
        });
    assertThatThrownBy(() -> CODEC.decode("Scalars", "{\"stream\":\"s\",\"color\":\"BLUE\"}"))
        .hasMessageContaining("expected one of RED, GREEN for 'color' but found 'BLUE'");
    assertThatThrownBy(() -> CODEC.decode("Scalars", "{\"stream\":\"s\",\"i\":3000000000}"))
        .hasMessageContaining("value 3000000000 of 'i' is out of range for int");
  }

  @Test
  void embeddedEventMustStartWithItsTypeProperty() {
    assertThatThrownBy(() -> CODEC.decode("Annotated",
        "{\"stream\":\"s\",\"remark\":{\"stream\":\"s\",\"type\":\"Said\",\"text\":\"x\"}}"))
        .isInstanceOfSatisfying(SerializationException.class, e -> {
          assertThat(e.path()).isEqualTo("$.remark.stream");
          assertThat(e.getMessage()).contains("expected the type property 'type' first");
        });
  }

  @Test
  void unknownTypeNameListsTheKnownOnes() {
    assertThatThrownBy(() -> CODEC.decode("Exploded", "{}"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown event type 'Exploded' for family org.eventcore.examples.codec.Sink;"
            + " known types: Scalars, Times, order.placed, Annotated");
  }

  @Test
  void malformedJsonIsASerializationException() {
    assertThatThrownBy(() -> CODEC.decode("Times", "{\"stream\":\"s\","))
        .isInstanceOf(SerializationException.class).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> CODEC.decode("Times", "[1]"))
        .isInstanceOf(SerializationException.class).hasMessageContaining("expected a JSON object as payload");
  }

  @Test
  void bankCodecRoundTrips() {
    EventCodec<BankEvent> bank = EventCodecs.of(BankEvent.class);
    StreamId account = StreamId.of("account", UUID.randomUUID());
    for (BankEvent e : List.of(new BankEvent.AccountOpened(account, "Ada", Instant.now()),
        new BankEvent.MoneyDeposited(account, 100, Optional.of(UUID.randomUUID())),
        new BankEvent.MoneyWithdrawn(account, 40, Optional.empty()))) {
      assertThat(bank.decode(bank.typeName(e), bank.encode(e))).isEqualTo(e);
      assertThat(bank.streamId(e)).isEqualTo(account);
    }
  }
}

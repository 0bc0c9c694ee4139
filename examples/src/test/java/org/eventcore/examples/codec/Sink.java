package org.eventcore.examples.codec;

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
import org.eventcore.annotations.EventType;
import org.eventcore.annotations.Events;
import org.eventcore.annotations.JsonName;
import org.eventcore.annotations.Stream;
import org.eventcore.runtime.StreamId;

/** Fixture family covering every supported component type; compiled by the processor with the tests. */
@Events(typeProperty = "kind")
public sealed interface Sink {
  enum Color { RED, GREEN }

  record Money(BigDecimal amount, String currency) {}

  record Item(String sku, int quantity, Money price, List<Item> parts) {}

  record Scalars(@Stream StreamId stream, boolean b, int i, long l, short s, byte by, double d, float f, char c,
      Boolean bb, Integer ii, Long ll, Short ss, Byte bby, Double dd, Float ff, Character cc, String str,
      BigDecimal dec, BigInteger big, UUID id, Color color) implements Sink {}

  record Times(@Stream StreamId stream, Instant instant, LocalDate date, LocalTime time, LocalDateTime dateTime,
      OffsetDateTime offsetDateTime, ZonedDateTime zoned, Duration duration, Period period, Year year,
      YearMonth yearMonth, MonthDay monthDay, ZoneId zone, ZoneOffset offset, StreamId other) implements Sink {}

  /** A nested sealed sub-interface: flattened into the family. */
  sealed interface OrderEvent extends Sink {}

  @EventType(value = "order.placed", aliases = {"OrderPlaced", "Placed"})
  record Placed(@Stream StreamId stream, @JsonName("order_items") List<Item> items, Set<String> tags,
      Map<String, Money> prices, Optional<Money> discount, Optional<List<Map<String, Integer>>> nested,
      Optional<String> note) implements OrderEvent {}

  record Annotated(@Stream StreamId stream, Remark remark, Optional<Remark.Said> said, List<Remark> history)
      implements OrderEvent {}

  /** A second family, embedded in {@link Annotated}. */
  @Events
  sealed interface Remark {
    record Said(@Stream StreamId stream, String text) implements Remark {}

    record Flagged(@Stream StreamId stream, long amountCents) implements Remark {}
  }
}

package org.eventcore.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Metadata stored with every event: the correlation id shared by everything one request caused, the id of
 * what caused this event (a command id or an upstream event id), and free user key/values (user id, tenant,
 * source, ...).
 *
 * @param correlationId may be null
 * @param causationId may be null
 * @param custom never null; keys are non-empty
 */
public record EventMetadata(UUID correlationId, UUID causationId, Map<String, String> custom) {
  /** No ids, no key/values. */
  public static final EventMetadata EMPTY = new EventMetadata(null, null, Map.of());

  public EventMetadata {
    if (custom == null) {
      custom = Map.of();
    } else {
      Map<String, String> copy = new LinkedHashMap<>();
      custom.forEach((k, v) -> {
        if (k == null || k.isEmpty()) {
          throw new InvalidInputException("metadata keys must be non-empty, got " + (k == null ? "null" : "''"));
        }
        if (v == null) {
          throw new InvalidInputException("metadata value for key '" + k + "' must not be null");
        }
        copy.put(k, v);
      });
      custom = Collections.unmodifiableMap(copy);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder().correlationId(correlationId).causationId(causationId);
    b.custom.putAll(custom);
    return b;
  }

  /** Fluent builder for {@link EventMetadata}. */
  public static final class Builder {
    private UUID correlationId;
    private UUID causationId;
    private final Map<String, String> custom = new LinkedHashMap<>();

    private Builder() {}

    public Builder correlationId(UUID id) {
      this.correlationId = id;
      return this;
    }

    public Builder causationId(UUID id) {
      this.causationId = id;
      return this;
    }

    public Builder put(String key, String value) {
      custom.put(key, value);
      return this;
    }

    public EventMetadata build() {
      return new EventMetadata(correlationId, causationId, custom);
    }
  }
}

package org.eventcore.runtime.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StreamId;

/**
 * The idempotency key of one command execution, with what identifies the command it was given to: an append
 * that carries it commits at most once per key; a later append with the same key writes nothing and is answered
 * with the {@link CommittedCommand} of the first.
 *
 * @param idempotencyKey chosen by the caller (a request id, a message id): 1 to {@value #MAX_LENGTH} characters,
 *     no control characters, no unpaired surrogate
 * @param commandType the command's class name
 * @param commandStreams the streams the command declares (its {@code @Stream} components), stored sorted; a
 *     key presented again must come with the same type and streams
 * @throws InvalidInputException when a part is missing or the key breaks a rule
 */
public record CommandKey(String idempotencyKey, String commandType, List<StreamId> commandStreams) {
  /** The longest key, in characters. */
  public static final int MAX_LENGTH = 200;

  public CommandKey {
    validateKey(idempotencyKey);
    if (commandType == null || commandType.isBlank() || commandType.length() > 255) {
      throw new InvalidInputException("command type of idempotency key '" + idempotencyKey
          + "' must be 1..255 characters, got " + (commandType == null ? "null" : commandType.length()));
    }
    if (commandStreams == null || commandStreams.isEmpty()) {
      throw new InvalidInputException("idempotency key '" + idempotencyKey + "' must name the command's streams");
    }
    List<StreamId> sorted = new ArrayList<>(commandStreams.size());
    for (StreamId s : commandStreams) {
      if (s == null) {
        throw new InvalidInputException("streams of idempotency key '" + idempotencyKey + "' must not be null");
      }
      sorted.add(s);
    }
    if (new HashSet<>(sorted).size() != sorted.size()) {
      throw new InvalidInputException("streams of idempotency key '" + idempotencyKey + "' contain duplicates: "
          + commandStreams);
    }
    sorted.sort(null);
    commandStreams = List.copyOf(sorted);
  }

  /**
   * Checks a caller's idempotency key.
   *
   * @throws InvalidInputException naming the rule it breaks
   */
  public static void validateKey(String key) {
    if (key == null) {
      throw new InvalidInputException("idempotency key must not be null");
    }
    if (key.isEmpty() || key.length() > MAX_LENGTH) {
      throw new InvalidInputException("idempotency key must be 1.." + MAX_LENGTH + " characters, got "
          + key.length());
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isISOControl(c)) {
        throw new InvalidInputException("idempotency key must not contain control characters, found U+"
            + String.format("%04X", (int) c) + " at index " + i);
      }
      if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidInputException("idempotency key must not contain an unpaired surrogate, found U+"
            + String.format("%04X", (int) c) + " at index " + i);
      }
    }
  }

  /**
   * Checks that a key found stored was given to the same command: same type, same streams.
   *
   * @throws InvalidInputException naming the key, the command it was used by and this one
   */
  public void requireSameCommandAs(CommandKey stored) {
    if (!commandType.equals(stored.commandType) || !commandStreams.equals(stored.commandStreams)) {
      throw new InvalidInputException("idempotency key '" + idempotencyKey + "' was already used by command "
          + stored.commandType + " on streams " + stored.commandStreams + "; it cannot be reused for command "
          + commandType + " on streams " + commandStreams + ": a key names one command execution");
    }
  }
}

package org.eventcore.runtime.command;

import org.eventcore.runtime.CommandRejectedException;

/** Guards for {@code handle} methods: {@code require(balance >= amount, "insufficient funds")}. */
public final class Rules {
  private Rules() {}

  /**
   * @throws CommandRejectedException with {@code message} when {@code condition} is false
   */
  public static void require(boolean condition, String message) {
    if (!condition) {
      throw new CommandRejectedException(message);
    }
  }

  /**
   * @throws CommandRejectedException with {@code String.format(format, args)} when {@code condition} is false;
   *     the message is only formatted on rejection
   */
  public static void require(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new CommandRejectedException(String.format(format, args));
    }
  }
}

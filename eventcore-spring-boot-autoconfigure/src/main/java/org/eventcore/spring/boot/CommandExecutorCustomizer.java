package org.eventcore.spring.boot;

import org.eventcore.runtime.command.CommandExecutor;

/** Adjusts the auto-configured {@link CommandExecutor} before it is built (applied in {@code @Order}). */
@FunctionalInterface
public interface CommandExecutorCustomizer {
  void customize(CommandExecutor.Builder builder);
}

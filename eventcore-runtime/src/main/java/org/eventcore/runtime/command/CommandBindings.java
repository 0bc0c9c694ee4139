package org.eventcore.runtime.command;

import org.eventcore.annotations.GeneratedNames;
import org.eventcore.runtime.internal.GeneratedLoader;

/** Finds the binding the annotation processor generated for a command record. */
public final class CommandBindings {
  private static final ClassValue<CommandBinding<?, ?, ?>> CACHE = new ClassValue<>() {
    @Override
    protected CommandBinding<?, ?, ?> computeValue(Class<?> command) {
      return GeneratedLoader.load(
          command, GeneratedNames.commandBindingName(command.getName()), CommandBinding.class, "@Command");
    }
  };

  private CommandBindings() {}

  /**
   * The generated binding of {@code commandType}.
   *
   * @throws org.eventcore.runtime.InvalidInputException when none was generated, naming the class looked for
   */
  @SuppressWarnings("unchecked")
  public static <C> CommandBinding<C, ?, ?> of(Class<C> commandType) {
    return (CommandBinding<C, ?, ?>) CACHE.get(commandType);
  }
}

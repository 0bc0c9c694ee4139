package org.eventcore.processor.command;

import javax.lang.model.element.TypeElement;
import org.eventcore.annotations.GeneratedNames;
import org.eventcore.processor.ProcessingStep;
import org.eventcore.processor.diagnostics.Diagnostics;
import org.eventcore.processor.model.CommandModel;
import org.eventcore.processor.util.ElementSupport;
import org.eventcore.processor.util.GeneratedClass;
import org.eventcore.processor.util.RuntimeTypes;

/**
 * {@code @Command}: {@link CommandReader} reads and validates the command, its state and their methods (coverage
 * included), {@link CommandBindingGenerator} writes {@code <FlatName>_CommandBinding}.
 */
public final class CommandStep extends ProcessingStep {
  public CommandStep(ElementSupport support, Diagnostics diagnostics, GeneratedClass common) {
    super(support, diagnostics, common, RuntimeTypes.COMMAND, GeneratedNames::commandBindingName);
  }

  @Override
  public Output process(TypeElement type) {
    CommandModel model = new CommandReader(support, diagnostics).read(type);
    if (model == null || diagnostics.errorCount() > 0) {
      return null;
    }
    return new Output(model.binding(), new CommandBindingGenerator(model, common).generate());
  }
}

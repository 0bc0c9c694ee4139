package org.eventcore.processor.events;

import javax.lang.model.element.TypeElement;
import org.eventcore.annotations.GeneratedNames;
import org.eventcore.processor.ProcessingStep;
import org.eventcore.processor.codec.EventCodecGenerator;
import org.eventcore.processor.diagnostics.Diagnostics;
import org.eventcore.processor.model.FamilyModel;
import org.eventcore.processor.util.ElementSupport;
import org.eventcore.processor.util.GeneratedClass;
import org.eventcore.processor.util.RuntimeTypes;

/**
 * {@code @Events}: {@link EventFamilyReader} reads the family, {@link EventFamilyValidator} checks names across
 * records, {@link EventCodecGenerator} writes {@code <FlatName>_EventCodec}.
 */
public final class EventsStep extends ProcessingStep {
  public EventsStep(ElementSupport support, Diagnostics diagnostics, GeneratedClass common) {
    super(support, diagnostics, common, RuntimeTypes.EVENTS, GeneratedNames::codecName);
  }

  @Override
  public Output process(TypeElement type) {
    FamilyModel model = new EventFamilyReader(support, diagnostics).read(type);
    if (model == null) {
      return null;
    }
    new EventFamilyValidator(diagnostics).validate(model);
    if (diagnostics.errorCount() > 0) {
      return null;
    }
    return new Output(model.codec(), new EventCodecGenerator(model, common).generate());
  }
}

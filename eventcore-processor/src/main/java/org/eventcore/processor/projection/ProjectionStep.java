package org.eventcore.processor.projection;

import javax.lang.model.element.TypeElement;
import org.eventcore.annotations.GeneratedNames;
import org.eventcore.processor.ProcessingStep;
import org.eventcore.processor.diagnostics.Diagnostics;
import org.eventcore.processor.model.ProjectionModel;
import org.eventcore.processor.util.ElementSupport;
import org.eventcore.processor.util.GeneratedClass;
import org.eventcore.processor.util.RuntimeTypes;

/**
 * {@code @Projection}: {@link ProjectionReader} reads and validates the projection and its handlers (coverage
 * included), {@link ProjectionBindingGenerator} writes {@code <FlatName>_ProjectionBinding}.
 */
public final class ProjectionStep extends ProcessingStep {
  public ProjectionStep(ElementSupport support, Diagnostics diagnostics, GeneratedClass common) {
    super(support, diagnostics, common, RuntimeTypes.PROJECTION, GeneratedNames::projectionBindingName);
  }

  @Override
  public Output process(TypeElement type) {
    ProjectionModel model = new ProjectionReader(support, diagnostics).read(type);
    if (model == null || diagnostics.errorCount() > 0) {
      return null;
    }
    return new Output(model.binding(), new ProjectionBindingGenerator(model, common).generate());
  }
}

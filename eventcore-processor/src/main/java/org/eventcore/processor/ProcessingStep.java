package org.eventcore.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.TypeElement;

/**
 * What the processor does for one annotation kind, in one shape: read the annotated type into an immutable model
 * (reporting shape problems on their elements), validate the model (rules that compare elements), and generate
 * the class only when nothing was reported. One implementation per kind: {@code EventsStep},
 * {@code CommandStep}, {@code ProjectionStep}.
 */
public interface ProcessingStep {

  /** The generated class and its source. */
  record Output(ClassName name, TypeSpec spec) {}

  /** The qualified name of the annotation this step handles. */
  String annotation();

  /** The qualified name of the class generated for an annotated type of this binary name. */
  String generatedName(String binaryName);

  /**
   * Reads, validates and generates.
   *
   * @return the class to write, or null when an error was reported
   * @throws org.eventcore.processor.diagnostics.UnresolvedTypeException when the type refers to a type not
   *     generated yet; the processor retries it next round
   */
  Output process(TypeElement type);
}

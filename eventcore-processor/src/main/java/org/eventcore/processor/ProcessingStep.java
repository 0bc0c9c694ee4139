package org.eventcore.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeSpec;
import java.util.function.UnaryOperator;
import javax.lang.model.element.TypeElement;
import org.eventcore.processor.diagnostics.Diagnostics;
import org.eventcore.processor.util.ElementSupport;
import org.eventcore.processor.util.GeneratedClass;

/**
 * What the processor does for one annotation kind, in one shape: read the annotated type into an immutable model
 * (reporting shape problems on their elements), validate the model (rules that compare elements), and generate
 * the class only when nothing was reported. One subclass per kind: {@code EventsStep}, {@code CommandStep},
 * {@code ProjectionStep}.
 */
public abstract class ProcessingStep {

  /** The generated class and its source. */
  public record Output(ClassName name, TypeSpec spec) {}

  protected final ElementSupport support;
  protected final Diagnostics diagnostics;
  protected final GeneratedClass common;
  private final String annotation;
  private final UnaryOperator<String> generatedName;

  /**
   * @param annotation the qualified name of the annotation the step handles
   * @param generatedName the generated class's qualified name for an annotated type's binary name (a
   *     {@code GeneratedNames} function)
   */
  protected ProcessingStep(ElementSupport support, Diagnostics diagnostics, GeneratedClass common,
      String annotation, UnaryOperator<String> generatedName) {
    this.support = support;
    this.diagnostics = diagnostics;
    this.common = common;
    this.annotation = annotation;
    this.generatedName = generatedName;
  }

  /** The qualified name of the annotation this step handles. */
  public final String annotation() {
    return annotation;
  }

  /** The qualified name of the class generated for an annotated type of this binary name. */
  public final String generatedName(String binaryName) {
    return generatedName.apply(binaryName);
  }

  /**
   * Reads, validates and generates.
   *
   * @return the class to write, or null when an error was reported
   * @throws org.eventcore.processor.diagnostics.UnresolvedTypeException when the type refers to a type not
   *     generated yet; the processor retries it next round
   */
  public abstract Output process(TypeElement type);
}

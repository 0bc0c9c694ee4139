package org.eventcore.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.eventcore.annotations.GeneratedNames;
import org.eventcore.processor.command.CommandStep;
import org.eventcore.processor.diagnostics.Diagnostics;
import org.eventcore.processor.diagnostics.Message;
import org.eventcore.processor.diagnostics.UnresolvedTypeException;
import org.eventcore.processor.events.EventsStep;
import org.eventcore.processor.projection.ProjectionStep;
import org.eventcore.processor.snapshot.SnapshotStep;
import org.eventcore.processor.util.ElementSupport;
import org.eventcore.processor.util.GeneratedClass;
import org.eventcore.processor.util.RuntimeTypes;

/**
 * The EventCore annotation processor. For every {@code @Events} sealed interface it generates
 * {@code <FlatName>_EventCodec}; for every {@code @Command} record, {@code <FlatName>_CommandBinding}; for every
 * {@code @Projection} class, {@code <FlatName>_ProjectionBinding}; for every {@code @Snapshot} state record,
 * {@code <FlatName>_StateCodec} (names from {@link GeneratedNames}).
 *
 * <p>Per annotated type, its kind's {@link ProcessingStep}: read (javax.lang.model to immutable model records),
 * validate (every problem reported on its element through one {@link Diagnostics}), then generate (model to
 * JavaPoet) only when nothing was reported. A type that references a type not generated yet is deferred by
 * qualified name to the next round and reported as {@code [UndefinedType]} if it is still missing when processing is over. No exception escapes
 * {@link #process}: an unexpected one becomes an {@code [EventCoreProcessorException]} error on the type. It
 * claims its annotations (and the {@code @Generated} of its own output), so a user build under
 * {@code -Xlint:all -Werror} gets no {@code [processing]} warning.
 *
 * <p>Isolating in Gradle's sense: each generated file has exactly one originating element, the annotated type,
 * and is derived only from what that type's declaration reaches.
 */
@AutoService(Processor.class)
public final class EventCoreProcessor extends AbstractProcessor {
  /** A type waiting for a type another processor may generate; keyed by {@link #key}. */
  private record Deferred(String type, ProcessingStep step, String missingType) {}

  private ElementSupport support;
  private Diagnostics diagnostics;
  private Filer filer;
  private List<ProcessingStep> steps = List.of();
  private final Map<String, Deferred> deferred = new LinkedHashMap<>();
  private final Map<String, String> generatedBy = new HashMap<>();

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    deferred.clear();
    generatedBy.clear();
    support = new ElementSupport(env);
    diagnostics = new Diagnostics(env.getMessager());
    filer = env.getFiler();
    GeneratedClass common = new GeneratedClass(env.getElementUtils(), EventCoreProcessor.class.getName());
    steps = List.of(new EventsStep(support, diagnostics, common), new CommandStep(support, diagnostics, common),
        new ProjectionStep(support, diagnostics, common), new SnapshotStep(support, diagnostics, common));
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(RuntimeTypes.ANNOTATIONS, RuntimeTypes.GENERATED_ANNOTATION.canonicalName());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<String> done = new HashSet<>();
    Map<String, Deferred> retry = new LinkedHashMap<>(deferred);
    deferred.clear();
    for (Deferred d : retry.values()) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(d.type());
      if (type != null && done.add(key(type, d.step()))) {
        processType(type, d.step());
      }
    }
    for (ProcessingStep step : steps) {
      TypeElement annotationType = processingEnv.getElementUtils().getTypeElement(step.annotation());
      if (annotationType == null) {
        continue;
      }
      for (Element e : round.getElementsAnnotatedWith(annotationType)) {
        if (e instanceof TypeElement type && done.add(key(type, step))) {
          processType(type, step);
        }
      }
    }
    if (round.processingOver()) {
      reportUndefined();
    }
    return claims(annotations, round);
  }

  /**
   * Whether to claim this round's annotations, so that {@code -Xlint:processing} (part of {@code -Xlint:all})
   * does not warn that no processor claimed them: always for EventCore's own annotations, and for
   * {@code @Generated} when it marks only classes this processor generated. When another tool's {@code @Generated}
   * is present, nothing is claimed, so that processors after this one still see it.
   */
  private boolean claims(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    String generated = RuntimeTypes.GENERATED_ANNOTATION.canonicalName();
    for (TypeElement annotation : annotations) {
      if (!annotation.getQualifiedName().contentEquals(generated)) {
        continue;
      }
      for (Element e : round.getElementsAnnotatedWith(annotation)) {
        boolean ours = ElementSupport.annotation(e, generated)
            .map(m -> String.valueOf(support.value(m, "value").getValue()))
            .filter(value -> value.contains(EventCoreProcessor.class.getName()))
            .isPresent();
        if (!ours) {
          return false;
        }
      }
    }
    return true;
  }

  /** One type may carry several annotations (a record that is both a command and a projection). */
  private static String key(TypeElement type, ProcessingStep step) {
    return type.getQualifiedName() + "#" + step.annotation();
  }

  private void processType(TypeElement type, ProcessingStep step) {
    try {
      var auxiliary = support.auxiliarySource(type);
      if (auxiliary.isPresent()) {
        TypeElement top = ElementSupport.topLevel(type);
        diagnostics.error(Message.AUXILIARY_TYPE, type, type.getQualifiedName(), auxiliary.get(),
            step.generatedName(support.binaryName(type)), top.getSimpleName(), top.getSimpleName());
        diagnostics.flush();
        return;
      }
      ProcessingStep.Output output = step.process(type);
      if (output != null) {
        write(output.name(), output.spec(), type);
      }
      diagnostics.flush();
    } catch (UnresolvedTypeException e) {
      diagnostics.discard();
      deferred.put(key(type, step), new Deferred(type.getQualifiedName().toString(), step, e.typeName()));
    } catch (RuntimeException | LinkageError | AssertionError e) {
      diagnostics.discard();
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.PROCESSOR_EXCEPTION.format(type.getQualifiedName(), trace), type);
    }
  }

  private void write(ClassName name, TypeSpec spec, TypeElement origin) {
    String qualified = name.canonicalName();
    String source = origin.getQualifiedName().toString();
    String previous = generatedBy.putIfAbsent(qualified, source);
    if (previous != null) {
      diagnostics.error(Message.GENERATED_NAME_CLASH, origin, qualified, previous, source);
      return;
    }
    JavaFile file = JavaFile.builder(name.packageName(), spec).skipJavaLangImports(true).indent("  ").build();
    try {
      JavaFileObject out = filer.createSourceFile(qualified, origin);
      try (Writer writer = out.openWriter()) {
        file.writeTo(writer);
      }
    } catch (FilerException e) {
      diagnostics.error(Message.GENERATED_NAME_CLASH, origin, qualified, "an existing type", source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void reportUndefined() {
    for (Deferred d : deferred.values()) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(d.type());
      if (type != null) {
        diagnostics.error(Message.UNDEFINED_TYPE, type, d.step().generatedName(support.binaryName(type)), d.type(),
            d.missingType());
        diagnostics.flush();
      }
    }
    deferred.clear();
  }
}

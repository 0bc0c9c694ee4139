package org.eventcore.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** The shared compiler set-up of the processor tests, and golden-file comparison. */
final class ProcessorTesting {
  /** Rewrite the golden files instead of comparing with them: {@code -Dgolden.update=true}. */
  static final boolean UPDATE_GOLDEN = Boolean.getBoolean("golden.update");
  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

  private ProcessorTesting() {}

  /** A source file from a text block. */
  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  /** Compiles with a fresh processor (plus any extra ones) and every lint category, as a user build does. */
  static Compilation compile(JavaFileObject... sources) {
    return compileWith(new Processor[0], sources);
  }

  /** Compiles as a user build under {@code -Xlint:all -Werror} does. */
  static Compilation compileStrict(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new EventCoreProcessor()).withOptions("-Xlint:all", "-Werror")
        .compile(sources);
  }

  static Compilation compileWith(Processor[] extra, JavaFileObject... sources) {
    Processor[] processors = new Processor[extra.length + 1];
    System.arraycopy(extra, 0, processors, 0, extra.length);
    processors[extra.length] = new EventCoreProcessor();
    return Compiler.javac().withProcessors(processors).withOptions("-Xlint:all").compile(sources);
  }

  /** Asserts exactly one error, with the given tagged text, on the line containing {@code line}. */
  static void assertSingleError(Compilation compilation, JavaFileObject file, String message, String line) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining(line);
  }

  /** The generated source text of {@code qualifiedName}. */
  static String generated(Compilation compilation, String qualifiedName) {
    JavaFileObject file = compilation.generatedSourceFile(qualifiedName)
        .orElseThrow(() -> new AssertionError("no generated source " + qualifiedName));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Compares a generated source byte for byte with
   * {@code src/test/resources/golden/<testClass>/<method>/<qualifiedName>.java}, or rewrites that file when
   * {@link #UPDATE_GOLDEN} is set; every generated line is at most 120 characters long.
   */
  static void assertGolden(Compilation compilation, Class<?> testClass, String method, String qualifiedName) {
    String actual = generated(compilation, qualifiedName);
    assertThat(actual.lines()).as("generated lines of at most 120 characters").allMatch(l -> l.length() <= 120);
    Path golden = GOLDEN.resolve(testClass.getSimpleName()).resolve(method).resolve(qualifiedName + ".java");
    try {
      if (UPDATE_GOLDEN) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(golden).as("golden file (run with -Dgolden.update=true to create it)").exists();
      assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

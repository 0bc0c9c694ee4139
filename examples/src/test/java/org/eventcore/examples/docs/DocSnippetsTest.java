package org.eventcore.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the documentation honest: every Java snippet in README.md and docs/*.md must stand, line for line
 * (indentation aside), in a source file of this module, where the compiler and the tests check it.
 */
class DocSnippetsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyJavaSnippetInTheDocsIsTakenFromCompiledSources() throws IOException {
    List<String> sources = new ArrayList<>();
    for (String dir : List.of("src/main/java", "src/test/java")) {
      try (Stream<Path> files = Files.walk(Path.of(dir))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          sources.add(normalize(Files.readString(f)));
        }
      }
    }
    List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).forEach(docs::add);
    }
    int checked = 0;
    for (Path doc : docs) {
      Matcher m = JAVA_BLOCK.matcher(Files.readString(doc));
      while (m.find()) {
        String snippet = normalize(m.group(1));
        assertThat(sources.stream().anyMatch(s -> s.contains(snippet)))
            .as("snippet in %s is not in any example source:%n%s", ROOT.relativize(doc), m.group(1))
            .isTrue();
        checked++;
      }
    }
    assertThat(checked).as("java snippets checked").isGreaterThanOrEqualTo(5);
  }

  private static String normalize(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
  }
}

package org.eventcore.userbuild;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The README's marked snippets: a {@code <!-- snippet:NAME -->} line right before a fenced code block. */
record Readme(Path path, String text) {
  static Readme read(Path path) throws IOException {
    return new Readme(path, Files.readString(path));
  }

  /** The text of the fenced block marked {@code name}, without its fences. */
  String block(String name) {
    Matcher m = Pattern.compile("<!-- snippet:" + Pattern.quote(name) + " -->\\s*\\n```[a-z]*\\n(.*?)```",
        Pattern.DOTALL).matcher(text);
    if (!m.find()) {
      throw new AssertionError(path + " has no code block marked <!-- snippet:" + name + " -->");
    }
    return m.group(1);
  }
}

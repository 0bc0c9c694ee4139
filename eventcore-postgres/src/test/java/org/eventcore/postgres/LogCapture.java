package org.eventcore.postgres;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.slf4j.LoggerFactory;

/**
 * Everything logged while it is open, at every level, as text lines starting with the level: SLF4J through
 * Logback and java.util.logging (pgjdbc).
 */
final class LogCapture implements AutoCloseable {
  final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
  private final ch.qos.logback.classic.Logger root =
      ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Map<String, Level> levels = new HashMap<>();
  private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent e) {
      lines.add(e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()
          + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()));
    }
  };
  private final java.util.logging.Logger jul = java.util.logging.Logger.getLogger("");
  private final java.util.logging.Level julLevel = jul.getLevel();
  private final java.util.logging.Logger pgjdbc = java.util.logging.Logger.getLogger("org.postgresql");
  private final Handler handler = new Handler() {
    final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord r) {
      lines.add("JUL " + r.getLevel() + " " + r.getLoggerName() + " " + formatter.format(r));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  LogCapture() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    for (ch.qos.logback.classic.Logger l : context.getLoggerList()) {
      levels.put(l.getName(), l.getLevel());
      l.setLevel(Level.TRACE);
    }
    appender.setContext(context);
    appender.start();
    root.addAppender(appender);
    handler.setLevel(java.util.logging.Level.ALL);
    jul.addHandler(handler);
    jul.setLevel(java.util.logging.Level.ALL);
    pgjdbc.setLevel(java.util.logging.Level.ALL);
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    levels.forEach((name, level) -> context.getLogger(name).setLevel(level));
    jul.removeHandler(handler);
    jul.setLevel(julLevel);
    pgjdbc.setLevel(null);
  }
}

package org.eventcore.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eventcore.runtime.InvalidInputException;

/**
 * A database URL split into a JDBC URL without credentials, a user and a password. Accepts
 * {@code postgres://user:password@host:port/db?params} (also {@code postgresql://}) and
 * {@code jdbc:postgresql://host:port/db?user=..&password=..&params}. Credentials are percent-decoded and taken
 * out of the URL, so the URL can be logged; {@link #redact} masks a raw URL for error messages.
 */
record DatabaseUrl(String jdbcUrl, String user, String password) {
  private static final Pattern SCHEME = Pattern.compile("^(jdbc:postgresql|postgres|postgresql)://", Pattern.CASE_INSENSITIVE);
  private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&]password=)[^&]*");

  @Override
  public String toString() {
    return "DatabaseUrl[" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? "none" : "****") + "]";
  }

  /**
   * Parses {@code raw}; {@code source} names where it came from ("DATABASE_URL", "url") in error messages.
   *
   * @throws InvalidInputException naming the source and the accepted forms; the password never appears in it
   */
  static DatabaseUrl parse(String raw, String source) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidInputException(source + " must be set to postgres://user:password@host:port/database or"
          + " jdbc:postgresql://host:port/database, got " + (raw == null ? "nothing" : "a blank value"));
    }
    String url = raw.strip();
    Matcher scheme = SCHEME.matcher(url);
    if (!scheme.find()) {
      throw invalid(source, url, "it must start with postgres://, postgresql:// or jdbc:postgresql://");
    }
    String rest = url.substring(scheme.end());
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    String user = null;
    String password = null;
    // the last '@' ends the user info, so an unescaped '@' or '/' in a password still parses
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo, source, url);
      if (colon >= 0) {
        password = decode(userInfo.substring(colon + 1), source, url);
      }
    }
    int slash = rest.indexOf('/');
    String authority = slash >= 0 ? rest.substring(0, slash) : rest;
    String path = slash >= 0 ? rest.substring(slash) : "/";
    if (authority.isEmpty()) {
      throw invalid(source, url, "it names no host");
    }
    if (path.length() <= 1) {
      throw invalid(source, url, "it names no database");
    }
    List<String> kept = new ArrayList<>();
    for (String param : query.split("&")) {
      if (param.isEmpty()) {
        continue;
      }
      int eq = param.indexOf('=');
      String key = eq >= 0 ? param.substring(0, eq) : param;
      String value = eq >= 0 ? decode(param.substring(eq + 1), source, url) : "";
      if (key.equalsIgnoreCase("user")) {
        user = value;
      } else if (key.equalsIgnoreCase("password")) {
        password = value;
      } else {
        kept.add(param);
      }
    }
    String jdbc = "jdbc:postgresql://" + authority + path + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    return new DatabaseUrl(jdbc, user == null || user.isEmpty() ? null : user, password);
  }

  /** {@code url} with any password (user info or {@code password=} parameter) replaced by {@code ****}. */
  static String redact(String url) {
    if (url == null) {
      return null;
    }
    String r = url;
    int start = r.indexOf("://");
    if (start >= 0) {
      start += 3;
      int query = r.indexOf('?', start);
      int at = r.lastIndexOf('@', query < 0 ? r.length() - 1 : query - 1);
      int colon = r.indexOf(':', start);
      if (at >= start && colon >= 0 && colon < at) {
        r = r.substring(0, colon + 1) + "****" + r.substring(at);
      }
    }
    return PASSWORD_PARAM.matcher(r).replaceAll("$1****");
  }

  private static String decode(String s, String source, String url) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(source, url, "it has a malformed %-escape");
    }
  }

  private static InvalidInputException invalid(String source, String url, String why) {
    return new InvalidInputException(source + " must be postgres://user:password@host:port/database or"
        + " jdbc:postgresql://host:port/database, but " + why + ": '" + redact(url) + "'");
  }
}

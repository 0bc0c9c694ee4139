package org.eventcore.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eventcore.runtime.InvalidInputException;

/**
 * A database URL split into a JDBC URL without credentials, a user, a password and the other secret parameters.
 * Accepts {@code postgres://user:password@host:port/db?params} (also {@code postgresql://}) and
 * {@code jdbc:postgresql://host:port/db?user=..&password=..&params}. Credentials and every parameter whose name
 * contains "password" or "secret" (such as {@code sslpassword}) are percent-decoded and taken out of the URL, so
 * the URL can be logged; {@link #redact} masks a raw URL for error messages.
 */
record DatabaseUrl(String jdbcUrl, String user, String password, Map<String, String> secretParameters) {
  private static final Pattern SCHEME = Pattern.compile("^(jdbc:postgresql|postgres|postgresql)://", Pattern.CASE_INSENSITIVE);
  private static final Pattern SECRET_PARAM = Pattern.compile("(?i)([?&][^&=]*(?:password|secret)[^&=]*=)[^&]*");
  /** What follows the '@' that ends the user info: a host list, then the path, the query or the end. */
  private static final Pattern AUTHORITY_THEN_PATH = Pattern.compile("[A-Za-z0-9._~%\\[\\]:,-]+([/?].*)?");
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\[\\]]*)(?::(.*))?");

  @Override
  public String toString() {
    return "DatabaseUrl[" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? "none" : "****")
        + (secretParameters.isEmpty() ? "" : ", " + secretParameters.keySet() + "=****") + "]";
  }

  /** Whether a URL parameter of this name holds a secret (masked and never put into the URL). */
  static boolean isSecret(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("password") || n.contains("secret");
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
    String user = null;
    String password = null;
    // postgres://: the user info ends at the last '@' followed by a host list (then a path, a query or the end),
    // so a password may hold any character ('@', '/', '?', '#', ...) unescaped, and an '@' in a parameter value
    // must be written %40. jdbc:postgresql:// carries credentials as parameters, so only its part before the
    // query is searched.
    boolean jdbcForm = scheme.group(1).equalsIgnoreCase("jdbc:postgresql");
    int firstQuery = rest.indexOf('?');
    int at = userInfoEnd(jdbcForm && firstQuery >= 0 ? rest.substring(0, firstQuery) : rest);
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo, source, url);
      if (colon >= 0) {
        password = decode(userInfo.substring(colon + 1), source, url);
      }
    }
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
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
    for (String hostPort : authority.split(",", -1)) {
      Matcher hp = HOST_PORT.matcher(hostPort);
      if (!hp.matches() || hp.group(1).isEmpty()) {
        throw invalid(source, url, "'" + hostPort + "' is not host or host:port");
      }
      String port = hp.group(2);
      if (port != null && !port.matches("[0-9]{1,5}") || port != null && Integer.parseInt(port) > 65535
          || port != null && Integer.parseInt(port) == 0) {
        throw invalid(source, url, "the port of '" + hostPort + "' must be a number from 1 to 65535");
      }
    }
    Map<String, String> secrets = new TreeMap<>();
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
      } else if (isSecret(key)) {
        secrets.put(key, value);
      } else {
        kept.add(param);
      }
    }
    String jdbc = "jdbc:postgresql://" + authority + path + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    return new DatabaseUrl(jdbc, user == null || user.isEmpty() ? null : user, password, Map.copyOf(secrets));
  }

  /** Index of the '@' ending the user info in the text after the scheme, or -1 when there is none. */
  private static int userInfoEnd(String afterScheme) {
    for (int at = afterScheme.lastIndexOf('@'); at >= 0; at = afterScheme.lastIndexOf('@', at - 1)) {
      if (AUTHORITY_THEN_PATH.matcher(afterScheme).region(at + 1, afterScheme.length()).matches()) {
        return at;
      }
    }
    return -1;
  }

  /**
   * {@code url} with everything between the user name's ':' and the last '@' (the password, whatever it holds)
   * and the value of every parameter whose name contains "password" or "secret" replaced by {@code ****}. Errs on
   * the side of masking: an '@' in a parameter masks the host too.
   */
  static String redact(String url) {
    if (url == null) {
      return null;
    }
    String r = url;
    int start = r.indexOf("://");
    if (start >= 0) {
      start += 3;
      int at = r.lastIndexOf('@');
      int colon = r.indexOf(':', start);
      if (at >= start && colon >= 0 && colon < at) {
        r = r.substring(0, colon + 1) + "****" + r.substring(at);
      }
    }
    return SECRET_PARAM.matcher(r).replaceAll("$1****");
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

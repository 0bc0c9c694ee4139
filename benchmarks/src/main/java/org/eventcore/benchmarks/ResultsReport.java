package org.eventcore.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Turns JMH's JSON results into the published forms: a markdown table (each row with its ratio to the baseline
 * measured in the same run, the ratio's relative error, and "not significant" where the two scores' confidence
 * intervals overlap) and a PNG chart of throughput against threads.
 */
public final class ResultsReport {

  /**
   * One measured row.
   *
   * @param benchmark short benchmark name (class.method)
   * @param params JMH parameters, rendered {@code k=v}
   * @param threads JMH threads
   * @param score throughput (ops/s) or the score in {@code unit}
   * @param error the 99.9% confidence half-width JMH reports
   * @param unit the score's unit
   * @param secondary secondary metrics (e.g. {@code gc.alloc.rate.norm}, aux counters) by name
   */
  public record Row(String benchmark, String params, int threads, double score, double error, String unit,
      Map<String, Double> secondary) {
    String key() {
      return benchmark + (params.isEmpty() ? "" : " " + params);
    }
  }

  private ResultsReport() {}

  /** Reads JMH's JSON result file. */
  public static List<Row> read(Path jmhJson) throws IOException {
    JsonNode root = new ObjectMapper().readTree(jmhJson.toFile());
    List<Row> rows = new ArrayList<>();
    for (JsonNode r : root) {
      String full = r.get("benchmark").asText();
      String[] parts = full.split("\\.");
      String name = parts[parts.length - 2] + "." + parts[parts.length - 1];
      StringBuilder params = new StringBuilder();
      if (r.has("params")) {
        r.get("params").properties().forEach(f -> {
          if (params.length() > 0) {
            params.append(' ');
          }
          params.append(f.getKey()).append('=').append(f.getValue().asText());
        });
      }
      JsonNode primary = r.get("primaryMetric");
      Map<String, Double> secondary = new TreeMap<>();
      if (r.has("secondaryMetrics")) {
        r.get("secondaryMetrics").properties().forEach(f -> secondary.put(f.getKey(), f.getValue().get("score").asDouble()));
      }
      double error = primary.get("scoreError").isNumber() ? primary.get("scoreError").asDouble() : Double.NaN;
      rows.add(new Row(name, params.toString(), r.get("threads").asInt(), primary.get("score").asDouble(), error,
          primary.get("scoreUnit").asText(), secondary));
    }
    return rows;
  }

  /**
   * A markdown table. {@code baselines} maps a row key (benchmark and params) to the key of its baseline; rows
   * are compared with the baseline row of the same thread count.
   */
  public static String markdown(List<Row> rows, Map<String, List<String>> baselines) {
    Map<String, Row> byKeyAndThreads = new LinkedHashMap<>();
    rows.forEach(r -> byKeyAndThreads.put(r.key() + "@" + r.threads(), r));
    StringBuilder md = new StringBuilder();
    md.append("| benchmark | threads | score | ± error | unit | vs baseline | notes |\n");
    md.append("|---|---:|---:|---:|---|---|---|\n");
    for (Row r : rows) {
      StringBuilder ratio = new StringBuilder();
      for (String baselineKey : baselines.getOrDefault(r.key(), List.of())) {
        Row base = byKeyAndThreads.get(baselineKey + "@" + r.threads());
        if (base != null && base.score() > 0) {
          if (ratio.length() > 0) {
            ratio.append("; ");
          }
          ratio.append(ratio(r, base)).append(' ').append(shortName(r.key(), baselineKey));
        }
      }
      StringBuilder notes = new StringBuilder();
      // JMH aux counters (committed, conflicts, events) are rates in the primary unit's time base
      r.secondary().forEach((k, v) -> {
        if (k.equals("gc.alloc.rate.norm") || !k.startsWith("gc.")) {
          if (notes.length() > 0) {
            notes.append("; ");
          }
          notes.append(k.equals("gc.alloc.rate.norm") ? "B/op" : k + "/s").append(' ')
              .append(String.format(Locale.ROOT, "%,.1f", v));
        }
      });
      md.append(String.format(Locale.ROOT, "| %s | %d | %,.1f | %,.1f | %s | %s | %s |%n", label(r), r.threads(),
          r.score(), r.error(), r.unit(), ratio, notes));
    }
    return md.toString();
  }

  /**
   * {@code 0.85× ±12%}: the ratio of the scores, with its relative error (the two scores' relative 99.9% errors
   * added in quadrature); {@code (not significant)} appended when the intervals score ± error of the two overlap,
   * {@code ±?} when JMH gave no error (a single iteration).
   */
  static String ratio(Row r, Row base) {
    double value = r.score() / base.score();
    if (Double.isNaN(r.error()) || Double.isNaN(base.error())) {
      return String.format(Locale.ROOT, "%.2f× ±?", value);
    }
    double relative = Math.hypot(r.error() / r.score(), base.error() / base.score());
    boolean overlap = Math.abs(r.score() - base.score()) <= r.error() + base.error();
    return String.format(Locale.ROOT, "%.2f× ±%.0f%%%s", value, relative * 100, overlap ? " (not significant)" : "");
  }

  /** What distinguishes a baseline's key from the row's: "impl=floor" gives "floor", "floorTransfer" itself. */
  static String shortName(String key, String baselineKey) {
    List<String> own = List.of(key.split("[ .]"));
    StringBuilder name = new StringBuilder();
    for (String token : baselineKey.split("[ .]")) {
      if (!own.contains(token)) {
        name.append(name.length() > 0 ? " " : "").append(token.replaceFirst("^(impl|codec)=", ""));
      }
    }
    return name.length() > 0 ? name.toString() : baselineKey;
  }

  /** A chart label: the class without its "Benchmark" suffix, without the parameters that never vary. */
  static String label(Row r) {
    String params = r.params().replaceAll("(poolSize|accounts)=\\S+", "").replaceAll("\\s+", " ").trim();
    return r.benchmark().replace("Benchmark.", ".") + (params.isEmpty() ? "" : " " + params);
  }

  /**
   * A line chart of score against threads on a logarithmic axis (the append of 100 events and a transfer differ
   * by orders of magnitude), one line per benchmark and parameters; baselines (floor, Axon) dashed.
   */
  public static void chart(List<Row> rows, Path png, String title) throws IOException {
    Map<String, TreeMap<Integer, Double>> series = new LinkedHashMap<>();
    for (Row r : rows) {
      if (r.unit().startsWith("ops/") && r.score() > 0) {
        series.computeIfAbsent(label(r), k -> new TreeMap<>()).put(r.threads(), r.score());
      }
    }
    int width = 1200;
    int height = 650;
    int left = 90;
    int right = 400;
    int top = 50;
    int bottom = 60;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, left, 30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    double maxScore = series.values().stream().flatMap(m -> m.values().stream()).mapToDouble(d -> d).max().orElse(10);
    double minScore = series.values().stream().flatMap(m -> m.values().stream()).mapToDouble(d -> d).min().orElse(1);
    int lowDecade = (int) Math.floor(Math.log10(Math.max(minScore, 1e-3)));
    int highDecade = Math.max(lowDecade + 1, (int) Math.ceil(Math.log10(Math.max(maxScore, 1e-3))));
    List<Integer> threads = series.values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted().toList();
    int plotW = width - left - right;
    int plotH = height - top - bottom;
    g.drawLine(left, top, left, top + plotH);
    g.drawLine(left, top + plotH, left + plotW, top + plotH);
    int decades = highDecade - lowDecade;
    for (int d = lowDecade; d <= highDecade; d++) {
      int y = top + plotH - plotH * (d - lowDecade) / decades;
      g.setColor(new Color(230, 230, 230));
      g.drawLine(left + 1, y, left + plotW, y);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%,.0f", Math.pow(10, d)), 5, y + 4);
    }
    for (int i = 0; i < threads.size(); i++) {
      int x = left + (threads.size() == 1 ? plotW / 2 : plotW * i / (threads.size() - 1));
      g.drawString(threads.get(i) + " thr", x - 12, top + plotH + 20);
    }
    g.drawString("ops/s (log)", 5, top - 10);
    Color[] palette = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};
    int legendY = top;
    int c = 0;
    for (Map.Entry<String, TreeMap<Integer, Double>> s : series.entrySet()) {
      Color color = palette[c++ % palette.length];
      g.setColor(color);
      boolean baseline = s.getKey().contains("floor") || s.getKey().contains("axon");
      g.setStroke(baseline
          ? new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f)
          : new BasicStroke(2.2f));
      int prevX = -1;
      int prevY = -1;
      for (Map.Entry<Integer, Double> p : s.getValue().entrySet()) {
        int i = threads.indexOf(p.getKey());
        int x = left + (threads.size() == 1 ? plotW / 2 : plotW * i / (threads.size() - 1));
        int y = top + plotH - (int) (plotH * (Math.log10(p.getValue()) - lowDecade) / decades);
        g.fillOval(x - 4, y - 4, 8, 8);
        if (prevX >= 0) {
          g.drawLine(prevX, prevY, x, y);
        }
        prevX = x;
        prevY = y;
      }
      g.drawLine(width - right + 10, legendY - 4, width - right + 30, legendY - 4);
      g.setColor(Color.BLACK);
      g.drawString(s.getKey(), width - right + 35, legendY);
      legendY += 18;
    }
    g.dispose();
    Files.createDirectories(png.toAbsolutePath().getParent());
    ImageIO.write(image, "png", png.toFile());
  }
}

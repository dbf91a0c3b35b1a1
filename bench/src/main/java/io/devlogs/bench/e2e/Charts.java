package io.devlogs.bench.e2e;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The report's PNG charts, drawn with Java2D. */
public final class Charts {

  /** A named line: y over x. */
  public record Series(String name, double[] x, double[] y) {
    public Series {
      if (x.length != y.length) {
        throw new IllegalArgumentException(name + ": " + x.length + " x for " + y.length + " y");
      }
    }
  }

  /** A named group of bars, one value per category. */
  public record Bars(String name, double[] values) {}

  public static final int WIDTH = 960;
  public static final int HEIGHT = 420;

  private Charts() {}

  /** A line chart of the series, x and y axes from 0. */
  public static void lines(
      Path file, String title, String xLabel, String yLabel, List<Series> series)
      throws IOException {
    double xMax = series.stream().flatMapToDouble(s -> Arrays.stream(s.x())).max().orElse(1);
    double yMax = series.stream().flatMapToDouble(s -> Arrays.stream(s.y())).max().orElse(1);
    ChartFrame frame = new ChartFrame(WIDTH, HEIGHT, title, xLabel, yLabel, xMax, yMax);
    frame.drawXTicks();
    List<ChartFrame.Key> keys = new ArrayList<>();
    for (int i = 0; i < series.size(); i++) {
      Color color = ChartFrame.PALETTE.get(i % ChartFrame.PALETTE.size());
      frame.line(color, series.get(i).x(), series.get(i).y());
      keys.add(new ChartFrame.Key(series.get(i).name(), color));
    }
    frame.drawLegend(keys);
    frame.write(file);
  }

  /** Grouped bars: for each category, one bar per group, side by side. Negative values are gaps. */
  public static void bars(
      Path file, String title, String yLabel, List<String> categories, List<Bars> groups)
      throws IOException {
    for (Bars group : groups) {
      if (group.values().length != categories.size()) {
        throw new IllegalArgumentException(
            group.name()
                + ": "
                + group.values().length
                + " values for "
                + categories.size()
                + " categories");
      }
    }
    double yMax = groups.stream().flatMapToDouble(b -> Arrays.stream(b.values())).max().orElse(1);
    ChartFrame frame = new ChartFrame(WIDTH, HEIGHT, title, "phase", yLabel, 1, yMax);
    int slot = frame.plotWidth() / Math.max(1, categories.size());
    int barWidth = Math.min(60, Math.max(2, (slot - 16) / Math.max(1, groups.size())));
    List<ChartFrame.Key> keys = new ArrayList<>();
    for (int gi = 0; gi < groups.size(); gi++) {
      Color color = ChartFrame.PALETTE.get(gi % ChartFrame.PALETTE.size());
      keys.add(new ChartFrame.Key(groups.get(gi).name(), color));
      frame.g.setColor(color);
      for (int c = 0; c < categories.size(); c++) {
        double value = groups.get(gi).values()[c];
        if (value < 0) {
          continue;
        }
        int x = frame.left() + c * slot + 8 + gi * barWidth;
        int top = frame.py(value);
        frame.g.fillRect(x, top, barWidth - 2, frame.bottom() - top);
      }
    }
    frame.g.setColor(Color.BLACK);
    for (int c = 0; c < categories.size(); c++) {
      String label = categories.get(c);
      int center = frame.left() + c * slot + slot / 2;
      frame.g.drawString(
          label, center - frame.g.getFontMetrics().stringWidth(label) / 2, frame.bottom() + 16);
    }
    frame.drawLegend(keys);
    frame.write(file);
  }
}

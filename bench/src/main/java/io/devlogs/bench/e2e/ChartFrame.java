package io.devlogs.bench.e2e;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The part every chart shares: a white image with a title, axes from 0 to "nice" maxima with a
 * grid, axis labels and a legend; maps data coordinates to pixels.
 */
final class ChartFrame {

  /** One named colour of the legend. */
  record Key(String name, Color color) {}

  static final List<Color> PALETTE =
      List.of(
          new Color(0x1f77b4),
          new Color(0xff7f0e),
          new Color(0x2ca02c),
          new Color(0xd62728),
          new Color(0x9467bd));

  private static final int LEFT = 80;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 70;
  private static final int TICKS = 5;

  final BufferedImage image;
  final Graphics2D g;
  private final double xMax;
  private final double yMax;

  ChartFrame(
      int width, int height, String title, String xLabel, String yLabel, double xMax, double yMax) {
    if (width < LEFT + RIGHT + 50 || height < TOP + BOTTOM + 50) {
      throw new IllegalArgumentException("a chart needs at least 200 x 160 pixels");
    }
    this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    this.g = image.createGraphics();
    this.xMax = niceCeiling(xMax);
    this.yMax = niceCeiling(yMax);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.setColor(Color.BLACK);
    g.drawString(title, LEFT, 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    drawGrid();
    g.drawString(
        xLabel,
        LEFT + plotWidth() / 2 - g.getFontMetrics().stringWidth(xLabel) / 2,
        height - BOTTOM + 36);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    rotated.drawString(
        yLabel, -(TOP + plotHeight() / 2 + g.getFontMetrics().stringWidth(yLabel) / 2), 14);
    rotated.dispose();
  }

  int plotWidth() {
    return image.getWidth() - LEFT - RIGHT;
  }

  int plotHeight() {
    return image.getHeight() - TOP - BOTTOM;
  }

  int px(double x) {
    return LEFT + (int) Math.round(x / xMax * plotWidth());
  }

  int py(double y) {
    return TOP + plotHeight() - (int) Math.round(Math.min(y, yMax) / yMax * plotHeight());
  }

  int left() {
    return LEFT;
  }

  int bottom() {
    return TOP + plotHeight();
  }

  private void drawGrid() {
    for (int i = 0; i <= TICKS; i++) {
      double y = yMax * i / TICKS;
      g.setColor(new Color(0xe0e0e0));
      g.drawLine(LEFT, py(y), LEFT + plotWidth(), py(y));
      g.setColor(Color.DARK_GRAY);
      String label = format(y);
      g.drawString(label, LEFT - 6 - g.getFontMetrics().stringWidth(label), py(y) + 4);
    }
    g.setColor(Color.BLACK);
    g.drawLine(LEFT, TOP, LEFT, bottom());
    g.drawLine(LEFT, bottom(), LEFT + plotWidth(), bottom());
  }

  /** Tick labels along x, for line charts. */
  void drawXTicks() {
    for (int i = 0; i <= TICKS; i++) {
      double x = xMax * i / TICKS;
      String label = format(x);
      g.drawString(label, px(x) - g.getFontMetrics().stringWidth(label) / 2, bottom() + 16);
    }
  }

  void drawLegend(List<Key> keys) {
    int x = LEFT;
    int y = image.getHeight() - 14;
    for (Key key : keys) {
      g.setColor(key.color());
      g.fillRect(x, y - 9, 14, 10);
      g.setColor(Color.BLACK);
      g.drawString(key.name(), x + 18, y);
      x += 28 + g.getFontMetrics().stringWidth(key.name());
    }
  }

  void line(Color color, double[] x, double[] y) {
    g.setColor(color);
    g.setStroke(new BasicStroke(2f));
    for (int i = 1; i < x.length; i++) {
      g.drawLine(px(x[i - 1]), py(y[i - 1]), px(x[i]), py(y[i]));
    }
    g.setStroke(new BasicStroke(1f));
  }

  void write(Path file) throws IOException {
    g.dispose();
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer for " + file);
    }
  }

  /**
   * The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten that is at least {@code
   * value}.
   */
  static double niceCeiling(double value) {
    if (!(value > 0)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
      if (step * power >= value * (1 - 1e-9)) {
        return step * power;
      }
    }
    return 10 * power;
  }

  static String format(double value) {
    if (value >= 10_000) {
      return String.format(Locale.ROOT, "%.0fk", value / 1000);
    }
    return value == Math.rint(value)
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }
}

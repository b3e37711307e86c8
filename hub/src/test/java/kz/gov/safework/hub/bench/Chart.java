package kz.gov.safework.hub.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The results as a PNG drawn with Java2D: on the left documents/s against documents in flight (hub and raw broker),
 * on the right p50/p95/p99 latency send → answer at half the hub's maximum rate.
 */
final class Chart {
    private static final Color HUB = new Color(0xC0392B);
    private static final Color RAW = new Color(0x2471A3);
    private static final int W = 1100;
    private static final int H = 480;

    /** One system's curve: documents/s at each in-flight value, and its three latency percentiles (ms). */
    record Series(String name, List<Integer> inFlight, List<Double> perSecond, double[] percentiles) {
    }

    static void draw(Path png, String title, Series hub, Series raw) throws IOException {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 20, 24);
        throughput(g, 60, 60, 560, 360, hub, raw);
        latency(g, 700, 60, 360, 360, hub, raw);
        legend(g, 60, 455, hub, raw);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void throughput(Graphics2D g, int x, int y, int w, int h, Series hub, Series raw) {
        double max = Math.max(hub.perSecond().stream().mapToDouble(d -> d).max().orElse(1),
                raw.perSecond().stream().mapToDouble(d -> d).max().orElse(1)) * 1.1;
        axes(g, x, y, w, h, "documents/s (JSON 6.6 KB) against documents in flight", max);
        List<Integer> points = hub.inFlight();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < points.size(); i++) {
            int px = x + (points.size() == 1 ? w / 2 : i * w / (points.size() - 1));
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.valueOf(points.get(i)), px - 8, y + h + 16);
        }
        curve(g, x, y, w, h, max, raw, RAW);
        curve(g, x, y, w, h, max, hub, HUB);
    }

    private static void curve(Graphics2D g, int x, int y, int w, int h, double max, Series s, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2.5f));
        int n = s.perSecond().size();
        int lastX = -1;
        int lastY = -1;
        for (int i = 0; i < n; i++) {
            int px = x + (n == 1 ? w / 2 : i * w / (n - 1));
            int py = y + h - (int) (s.perSecond().get(i) / max * h);
            g.fillOval(px - 4, py - 4, 8, 8);
            if (lastX >= 0) {
                g.drawLine(lastX, lastY, px, py);
            }
            g.drawString(String.format("%.0f", s.perSecond().get(i)), px + 5, py - 6);
            lastX = px;
            lastY = py;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void latency(Graphics2D g, int x, int y, int w, int h, Series hub, Series raw) {
        double max = 1;
        for (double v : hub.percentiles()) {
            max = Math.max(max, v);
        }
        for (double v : raw.percentiles()) {
            max = Math.max(max, v);
        }
        max *= 1.15;
        axes(g, x, y, w, h, "latency ms at 50 % of the hub's max rate", max);
        String[] names = {"p50", "p95", "p99"};
        int group = w / 3;
        int bar = group / 3;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < 3; i++) {
            int gx = x + i * group + bar / 2;
            bar(g, gx, y, h, bar, hub.percentiles()[i], max, HUB);
            bar(g, gx + bar, y, h, bar, raw.percentiles()[i], max, RAW);
            g.setColor(Color.DARK_GRAY);
            g.drawString(names[i], gx + bar / 2 + 6, y + h + 16);
        }
    }

    private static void bar(Graphics2D g, int bx, int y, int h, int width, double value, double max, Color color) {
        int bh = Double.isNaN(value) ? 0 : (int) (value / max * h);
        g.setColor(color);
        g.fillRect(bx, y + h - bh, width - 4, bh);
        g.setColor(Color.BLACK);
        g.drawString(String.format("%.1f", value), bx, y + h - bh - 4);
    }

    private static void axes(Graphics2D g, int x, int y, int w, int h, String label, double max) {
        g.setColor(new Color(0xDDDDDD));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i <= 4; i++) {
            int gy = y + h - i * h / 4;
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(x, gy, x + w, gy);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%.0f", max * i / 4), x - 45, gy + 4);
        }
        g.setColor(Color.BLACK);
        g.drawLine(x, y, x, y + h);
        g.drawLine(x, y + h, x + w, y + h);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(label, x, y - 10);
    }

    private static void legend(Graphics2D g, int x, int y, Series hub, Series raw) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(HUB);
        g.fillRect(x, y - 10, 14, 10);
        g.setColor(Color.BLACK);
        g.drawString(hub.name(), x + 20, y);
        g.setColor(RAW);
        g.fillRect(x + 320, y - 10, 14, 10);
        g.setColor(Color.BLACK);
        g.drawString(raw.name(), x + 340, y);
    }

    private Chart() {
    }
}

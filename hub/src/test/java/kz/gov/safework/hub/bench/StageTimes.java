package kz.gov.safework.hub.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-stage timings from the hub's Prometheus text ({@code /observe/metrics}): every Micrometer timer's
 * {@code _seconds_sum} and {@code _seconds_count}, one stage per timer and {@code routeId}; the difference of two
 * scrapes gives the mean time per exchange of each stage during a run.
 */
public final class StageTimes {
    private static final Pattern LINE = Pattern.compile(
            "^([a-z_]+)_seconds_(sum|count)(?:\\{([^}]*)})?\\s+(\\S+)$", Pattern.MULTILINE);
    private static final Pattern ROUTE = Pattern.compile("routeId=\"([^\"]*)\"");

    /** Sum (seconds) and count per stage. */
    private final Map<String, double[]> stages;

    private StageTimes(Map<String, double[]> stages) {
        this.stages = stages;
    }

    public static StageTimes parse(String prometheus) {
        Map<String, double[]> stages = new TreeMap<>();
        Matcher m = LINE.matcher(prometheus);
        while (m.find()) {
            String labels = m.group(3) == null ? "" : m.group(3);
            Matcher route = ROUTE.matcher(labels);
            String stage = route.find() ? m.group(1) + " " + (route.group(1).isEmpty() ? "(all routes)" : route.group(1))
                    : m.group(1);
            double[] sumCount = stages.computeIfAbsent(stage, k -> new double[2]);
            double value = Double.parseDouble(m.group(4));
            sumCount[m.group(2).equals("sum") ? 0 : 1] += value;
        }
        return new StageTimes(stages);
    }

    /** Stage → {mean milliseconds per exchange, exchanges} between {@code before} and this scrape. */
    public Map<String, double[]> since(StageTimes before) {
        Map<String, double[]> result = new LinkedHashMap<>();
        stages.forEach((stage, now) -> {
            double[] then = before.stages.getOrDefault(stage, new double[2]);
            double count = now[1] - then[1];
            if (count > 0) {
                result.put(stage, new double[] {(now[0] - then[0]) / count * 1000, count});
            }
        });
        return result;
    }
}

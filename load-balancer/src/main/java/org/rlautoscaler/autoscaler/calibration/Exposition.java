package org.rlautoscaler.autoscaler.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The samples of one scrape in the Prometheus text format ({@code name{label="value"} 1.5}),
 * enough to read counters and classic histograms; comments, timestamps and exemplars are skipped.
 */
final class Exposition {
    record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples;

    private Exposition(List<Sample> samples) {
        this.samples = samples;
    }

    /** @throws IllegalArgumentException naming the line that is not a sample */
    static Exposition parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int number = 0;
        for (String raw : text.split("\n")) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(sample(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + number + " is not a Prometheus sample: " + line);
            }
        }
        return new Exposition(samples);
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int equals = line.indexOf('=', i);
                String label = line.substring(i, equals).strip();
                int j = equals + 2; // past ="
                StringBuilder value = new StringBuilder();
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                    j++;
                }
                labels.put(label, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
                while (line.charAt(i) == ' ') {
                    i++;
                }
            }
            rest = i + 1;
        } else {
            name = line.substring(0, space);
            rest = space;
        }
        String[] fields = line.substring(rest).strip().split("\\s+");
        return new Sample(name, labels, parseValue(fields[0]));
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** Sum of the samples called {@code name} whose labels include {@code match}; NaN when there is none. */
    double sum(String name, Map<String, String> match) {
        double total = 0;
        boolean found = false;
        for (Sample s : samples) {
            if (s.name().equals(name) && matches(s, match)) {
                total += s.value();
                found = true;
            }
        }
        return found ? total : Double.NaN;
    }

    /** The cumulative counts of a classic histogram's buckets by upper bound, summed over the series that match. */
    TreeMap<Double, Double> buckets(String histogram, Map<String, String> match) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (Sample s : samples) {
            if (s.name().equals(histogram + "_bucket") && matches(s, match) && s.labels().containsKey("le")) {
                buckets.merge(parseValue(s.labels().get("le")), s.value(), Double::sum);
            }
        }
        return buckets;
    }

    private static boolean matches(Sample s, Map<String, String> match) {
        for (Map.Entry<String, String> e : match.entrySet()) {
            if (!e.getValue().equals(s.labels().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}

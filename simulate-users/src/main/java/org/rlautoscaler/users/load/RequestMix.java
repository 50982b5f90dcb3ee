package org.rlautoscaler.users.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the simulated users request: paths with weights. {@code /streaming} is asked for as a
 * short range read (the first 64 KiB), as a video player starting would.
 *
 * <p>Written as {@code default}, a single path ({@code /test}), or {@code path=weight} pairs
 * ({@code /=3,/test=1}).
 */
public record RequestMix(List<Entry> entries) {
    /** The web application's routes, weighted towards the pages and the JSON document. */
    public static final String DEFAULT = "/=3,/about=1,/graphics=1,/json_endpoint=3,/test=4,/streaming=1";
    static final String STREAMING_RANGE = "bytes=0-65535";

    /**
     * One kind of request.
     *
     * @param path   path appended to the base URL, starting with '/'
     * @param weight relative share of the requests, 1 or more
     * @param range  the Range header it sends, if any
     */
    public record Entry(String path, int weight, Optional<String> range) {}

    public RequestMix {
        entries = List.copyOf(entries);
    }

    /**
     * Reads a mix.
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static RequestMix parse(String spec) {
        String text = spec.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the mix is empty");
        }
        if (text.equalsIgnoreCase("default")) {
            text = DEFAULT;
        }
        List<Entry> entries = new ArrayList<>();
        for (String part : text.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("an empty entry");
            }
            int equals = item.lastIndexOf('=');
            String path = equals < 0 ? item : item.substring(0, equals).strip();
            int weight = 1;
            if (equals >= 0) {
                String weightText = item.substring(equals + 1).strip();
                try {
                    weight = Integer.parseInt(weightText);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the weight of " + path + " is '" + weightText + "', not a whole number");
                }
                if (weight < 1) {
                    throw new IllegalArgumentException("the weight of " + path + " is " + weight + "; weights are 1 or more");
                }
            }
            if (!path.startsWith("/") || path.contains(" ")) {
                throw new IllegalArgumentException("'" + path + "' is not a path starting with /");
            }
            Optional<String> range = path.equals("/streaming") ? Optional.of(STREAMING_RANGE) : Optional.empty();
            entries.add(new Entry(path, weight, range));
        }
        return new RequestMix(entries);
    }

    /** The entry for a uniform random number {@code u} in [0, 1): each with its weight's share. */
    public Entry pick(double u) {
        int total = entries.stream().mapToInt(Entry::weight).sum();
        double point = u * total;
        for (Entry entry : entries) {
            point -= entry.weight();
            if (point < 0) {
                return entry;
            }
        }
        return entries.getLast();
    }

    @Override
    public String toString() {
        return String.join(",", entries.stream().map(e -> e.path() + "=" + e.weight()).toList());
    }
}

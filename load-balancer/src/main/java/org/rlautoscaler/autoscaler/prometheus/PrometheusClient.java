package org.rlautoscaler.autoscaler.prometheus;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.rlautoscaler.autoscaler.prometheus.QueryResult.Missing;
import org.rlautoscaler.autoscaler.prometheus.QueryResult.Missing.Kind;

/**
 * Instant and range queries against a Prometheus server's HTTP API, with one shared OkHttp client.
 * {@link #query} never throws for a failed query: it answers {@link Missing} with a kind and a
 * reason, so that an unreadable metric becomes NaN and the control loop carries on.
 *
 * <pre>
 * curl 'http://localhost:9090/api/v1/query?query=avg(cpu_usage)'
 * </pre>
 */
public final class PrometheusClient implements AutoCloseable {
    private final String baseUrl;
    private final HttpUrl queryUrl;
    private final HttpUrl rangeUrl;
    private final OkHttpClient http;

    private PrometheusClient(Builder builder) {
        this.baseUrl = builder.baseUrl;
        this.queryUrl = builder.url.newBuilder().addPathSegments("api/v1/query").build();
        this.rangeUrl = builder.url.newBuilder().addPathSegments("api/v1/query_range").build();
        this.http = new OkHttpClient.Builder()
                .connectTimeout(builder.connectTimeout)
                .readTimeout(builder.readTimeout)
                .callTimeout(builder.callTimeout)
                .build();
    }

    /** A client with the default timeouts, for {@code baseUrl} such as {@code http://localhost:9090}. */
    public static PrometheusClient create(String baseUrl) {
        return builder(baseUrl).build();
    }

    /** A builder for {@code baseUrl} such as {@code http://localhost:9090} (a path prefix is kept). */
    public static Builder builder(String baseUrl) {
        return new Builder(baseUrl);
    }

    /** The server's base URL, as given. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Evaluates {@code promql} now: one finite sample, or why there is none. */
    public QueryResult query(String promql) {
        return query(promql, null);
    }

    /**
     * Evaluates {@code promql} as of {@code at} (the API's {@code time}; null: now): one finite
     * sample, or why there is none.
     */
    public QueryResult query(String promql, Instant at) {
        HttpUrl.Builder builder = queryUrl.newBuilder().addQueryParameter("query", promql);
        if (at != null) {
            builder.addQueryParameter("time", seconds(at));
        }
        return send(new Request.Builder().url(builder.build()).get().build(), QueryResponses::parse, missing -> missing);
    }

    /**
     * Evaluates {@code promql} now, a query that answers one series per value of {@code label}
     * (as {@code sum by (service) (...)} does), by POST so that a long selector fits.
     */
    public GroupedResult queryGrouped(String promql, String label) {
        Request request = new Request.Builder().url(queryUrl)
                .post(new FormBody.Builder().add("query", promql).build()).build();
        return send(request, (code, body) -> QueryResponses.grouped(code, body, label), GroupedResult.Failed::new);
    }

    /**
     * Evaluates {@code promql} at every {@code step} from {@code start} to {@code end} (the
     * API's {@code query_range}; Prometheus answers at most 11,000 points a query), by POST.
     */
    public RangeResult queryRange(String promql, Instant start, Instant end, Duration step) {
        Request request = new Request.Builder().url(rangeUrl).post(new FormBody.Builder().add("query", promql)
                .add("start", seconds(start)).add("end", seconds(end))
                .add("step", String.format(Locale.ROOT, "%.3f", step.toMillis() / 1000.0)).build()).build();
        return send(request, QueryResponses::range, RangeResult.Failed::new);
    }

    /** Sends {@code request} and reads its answer with {@code read}; a request that failed becomes {@code failed}'s. */
    private <T> T send(Request request, BiFunction<Integer, String, T> read, Function<Missing, T> failed) {
        long start = System.nanoTime();
        try (Response response = http.newCall(request).execute()) {
            return read.apply(response.code(), response.body().string());
        } catch (InterruptedIOException e) {
            // SocketTimeoutException (connect or read timeout), or "timeout" from the call timeout
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            return failed.apply(new Missing(Kind.timeout, "no answer from " + baseUrl + " after " + millis + " ms: "
                    + e.getMessage()));
        } catch (IOException e) {
            // ConnectException, UnknownHostException, a connection reset or closed mid-answer
            return failed.apply(new Missing(Kind.unreachable, "cannot reach " + baseUrl + ": " + e));
        }
    }

    private static String seconds(Instant at) {
        return String.format(Locale.ROOT, "%.3f", at.toEpochMilli() / 1000.0);
    }

    /** Releases the client's idle connections and threads. */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** Builds a {@link PrometheusClient}; every setting has a default. */
    public static final class Builder {
        private final String baseUrl;
        private final HttpUrl url;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(5);
        private Duration callTimeout = Duration.ofSeconds(5);

        private Builder(String baseUrl) {
            this.url = baseUrl == null ? null : HttpUrl.parse(baseUrl);
            if (url == null) {
                throw new IllegalArgumentException("Not an http(s) URL: '" + baseUrl + "'");
            }
            this.baseUrl = baseUrl;
        }

        /** Time to open a connection to Prometheus; default 2 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /** Longest wait for the next bytes of an answer; default 5 s. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive("readTimeout", timeout);
            return this;
        }

        /** Longest time for a whole query, connecting included; default 5 s. */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive("callTimeout", timeout);
            return this;
        }

        public PrometheusClient build() {
            return new PrometheusClient(this);
        }

        private static Duration positive(String name, Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + timeout);
            }
            return timeout;
        }
    }
}

package org.rlautoscaler.common.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;

/**
 * How every service logs, on standard error, set by two environment variables:
 * <ul>
 *   <li>{@code LOG_FORMAT}: {@code text} (default), one line an event with an ISO-8601 time,
 *       {@code 2026-12-03T10:00:00.000Z INFO  [main] ControlLoop - Decision: ...}; or
 *       {@code json}, one JSON object a line ({@code @timestamp}, {@code level},
 *       {@code logger_name}, {@code message}, and the event's key-values as fields of their own:
 *       a decision's {@code action}, {@code replicas_before}, {@code safety}, ...);</li>
 *   <li>{@code LOG_LEVEL}: {@code TRACE}, {@code DEBUG}, {@code INFO} (default), {@code WARN} or
 *       {@code ERROR}.</li>
 * </ul>
 * The libraries' own chatter (Jetty, Javalin, the Docker and Kubernetes clients, HTTP clients)
 * is kept to warnings unless {@code LOG_LEVEL} is DEBUG or TRACE. Found by Logback through
 * {@code META-INF/services}; a bad value falls back to the default here and is refused at start
 * by {@code Cli}, which names it.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    /** The accepted values of LOG_FORMAT. */
    public static final List<String> FORMATS = List.of("text", "json");
    /** The accepted values of LOG_LEVEL. */
    public static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    /** Libraries whose INFO lines say nothing an operator needs. */
    static final List<String> QUIET = List.of("org.eclipse.jetty", "io.javalin", "com.github.dockerjava", "org.apache.hc",
            "okhttp3", "io.fabric8", "io.vertx", "io.netty", "org.testcontainers", "me.tongfei");
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{0} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        configure(context, System.getenv());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context} from LOG_FORMAT and LOG_LEVEL in {@code environment}. */
    public static void configure(LoggerContext context, Map<String, String> environment) {
        String format = value(environment, "LOG_FORMAT", "text").toLowerCase(Locale.ROOT);
        String levelName = value(environment, "LOG_LEVEL", "INFO").toUpperCase(Locale.ROOT);
        Level level = LEVELS.contains(levelName) ? Level.toLevel(levelName) : Level.INFO;

        Encoder<ILoggingEvent> encoder;
        if (format.equals("json")) {
            LogstashEncoder json = new LogstashEncoder();
            json.setContext(context);
            json.start();
            encoder = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setContext(context);
            text.setPattern(TEXT_PATTERN);
            text.start();
            encoder = text;
        }
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(level);
        root.addAppender(console);
        if (level.isGreaterOrEqual(Level.INFO)) {
            for (String library : QUIET) {
                context.getLogger(library).setLevel(Level.WARN);
            }
        }
    }

    private static String value(Map<String, String> environment, String name, String fallback) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /**
     * What is wrong with LOG_FORMAT and LOG_LEVEL in {@code environment}, in one line; null when
     * both are unset or accepted.
     */
    public static String problem(Map<String, String> environment) {
        String format = environment.get("LOG_FORMAT");
        if (format != null && !format.isBlank() && !FORMATS.contains(format.strip().toLowerCase(Locale.ROOT))) {
            return "Invalid value for LOG_FORMAT (environment variable): '" + format + "'; accepted: "
                    + String.join(", ", FORMATS);
        }
        String level = environment.get("LOG_LEVEL");
        if (level != null && !level.isBlank() && !LEVELS.contains(level.strip().toUpperCase(Locale.ROOT))) {
            return "Invalid value for LOG_LEVEL (environment variable): '" + level + "'; accepted: "
                    + String.join(", ", LEVELS);
        }
        return null;
    }
}

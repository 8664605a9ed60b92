package io.cbec.etl.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The console log until Spring Boot sets it up from application.yml: a stop or an error before then (the state
 * database, the configuration) is logged in the lines every other line has, not in logback's default format
 * with thread and class names. Spring Boot resets this when it starts.
 */
public final class ConsoleLog {

    /** As {@code logging.pattern.console} in application.yml. */
    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss} %-5level %msg%n";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ConsoleLog() {
    }

    public static void untilSpringStarts() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding: its own defaults
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        context.getLogger("io.cbec.etl").setLevel(Level.INFO);
    }

    /**
     * Writes one line as {@link #PATTERN} lays it out, straight to stdout, past logback. For a signal during Spring
     * Boot's start: Boot denies every event while it sets logback up, then resets it and sets each logger's level
     * in turn, and a line logged meanwhile is dropped (seen: SIGHUP at 7 of 12 delays printed nothing; in CI the
     * WARN of a stop printed and the INFO summary after it did not).
     */
    static void printNow(String level, String message) {
        System.out.printf("%s %-5s %s%n", TIMESTAMP.format(LocalDateTime.now()), level, message);
        System.out.flush();
    }
}

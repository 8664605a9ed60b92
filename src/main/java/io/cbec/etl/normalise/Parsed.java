package io.cbec.etl.normalise;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of parsing one cell: either a value or a short, user-facing reason why the text could
 * not be read (e.g. "ambiguous day/month order in 11/04/2022: write 2022-04-11 or 2022-11-04").
 * Parsers return this instead of throwing because a bad cell rejects a row, it does not stop the job.
 */
public record Parsed<T>(T value, String error) {

    public Parsed {
        if ((value == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of value and error must be present");
        }
    }

    public static <T> Parsed<T> ok(T value) {
        return new Parsed<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <T> Parsed<T> failed(String reason) {
        return new Parsed<>(null, Objects.requireNonNull(reason, "reason"));
    }

    /** True when a value was parsed. */
    public boolean ok() {
        return error == null;
    }

    /** Applies {@code mapper} to a value; a failure is passed on unchanged. */
    public <R> Parsed<R> map(Function<? super T, ? extends R> mapper) {
        return ok() ? Parsed.ok(mapper.apply(value)) : Parsed.failed(error);
    }
}

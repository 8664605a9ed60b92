package io.cbec.etl.kind.control;

/** A metric a source recognises but cannot evaluate as asked; the message says why and what to write. */
public class MetricQueryException extends RuntimeException {

    public MetricQueryException(String message) {
        super(message);
    }
}

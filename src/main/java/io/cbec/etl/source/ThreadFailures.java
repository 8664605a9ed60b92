package io.cbec.etl.source;

/**
 * A failure caught on one of the job's helper threads (the sheet's read-ahead, the data-quality workbook's
 * writer, a batch insert's executor), thrown again on the thread that waits for it, as it was: the checked
 * type the waiting method declares, or unchecked. The helpers' work throws nothing else; anything else is a
 * bug, wrapped in an IllegalStateException.
 */
public final class ThreadFailures {

    private ThreadFailures() {
    }

    /**
     * Throws {@code failure} as it was when it is a {@code checked}, a RuntimeException or an Error; otherwise
     * returns it wrapped, for the caller to throw: {@code throw ThreadFailures.rethrow(cause, IOException.class)}.
     */
    public static <X extends Exception> IllegalStateException rethrow(Throwable failure, Class<X> checked) throws X {
        if (checked.isInstance(failure)) {
            throw checked.cast(failure);
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure);
    }
}

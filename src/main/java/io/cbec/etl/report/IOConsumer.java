package io.cbec.etl.report;

import java.io.IOException;

/** Something that writes to a target and may fail with an {@link IOException}; see {@link AtomicPublisher}. */
@FunctionalInterface
public interface IOConsumer<T> {

    void accept(T target) throws IOException;
}

package io.cbec.etl.check;

/** Where checks put their results; the validate step stores them in order. */
@FunctionalInterface
public interface CheckRecorder {
    void record(CheckResult result);
}

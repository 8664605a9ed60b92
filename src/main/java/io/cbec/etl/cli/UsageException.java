package io.cbec.etl.cli;

/** The command line cannot be understood; the message is one line for the user. */
public class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}

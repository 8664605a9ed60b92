package io.cbec.etl.cli;

/** The command line cannot be understood; the message is one line for the user. */
public class UsageException extends Exception {

    private final boolean showUsage;

    public UsageException(String message) {
        this(message, true);
    }

    /** @param showUsage false when the options are well formed but cannot work together: the usage text would not help */
    public UsageException(String message, boolean showUsage) {
        super(message);
        this.showUsage = showUsage;
    }

    public boolean showUsage() {
        return showUsage;
    }
}

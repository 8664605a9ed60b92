package io.cbec.etl.source;

/** A sheet of a source file; a CSV file has one sheet named after the file. */
public record SheetInfo(int index, String name, Visibility visibility) {

    public enum Visibility { VISIBLE, HIDDEN, VERY_HIDDEN }

    public boolean hidden() {
        return visibility != Visibility.VISIBLE;
    }
}

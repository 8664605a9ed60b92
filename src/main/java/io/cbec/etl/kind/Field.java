package io.cbec.etl.kind;

import java.util.List;

/**
 * A column a record kind reads, with the header texts that name it. {@code name} is the stable key used
 * in configuration ({@code cbec.header-aliases.<kind>.<name>}) and in the staged column map.
 */
public record Field(String name, boolean required, List<String> aliases) {

    public static Field required(String name, String... aliases) {
        return new Field(name, true, List.of(aliases));
    }

    public static Field optional(String name, String... aliases) {
        return new Field(name, false, List.of(aliases));
    }
}

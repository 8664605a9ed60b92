package io.cbec.etl.normalise;

import java.util.List;

/**
 * What a zone name resolved to in {@link DivisionDirectory#resolveZone(String, Province)}: exactly one
 * division, several that the province could not (or was not given to) settle, or nothing.
 */
public sealed interface ZoneMatch {

    /** The name identifies exactly one division. */
    record Found(Division division) implements ZoneMatch {
    }

    /** The name fits several divisions; the row should be rejected listing them. Ordered by code. */
    record Ambiguous(List<Division> candidates) implements ZoneMatch {
        public Ambiguous {
            candidates = List.copyOf(candidates);
        }
    }

    /** The name matches no division (in the given province, when one was given). */
    record Unknown(String name) implements ZoneMatch {
    }
}

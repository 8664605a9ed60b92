package io.cbec.etl.normalise;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers the answers of a lookup by raw text. A million-row export spells its apps and countries a few
 * dozen ways, so each spelling is cleaned, keyed and looked up once rather than once a row; a hostile file
 * of a million distinct spellings only empties the memo now and then, so memory stays bounded.
 */
public final class BoundedMemo<V> {

    private final int capacity;
    private final Function<String, V> lookup;
    private final Map<String, V> answers = new ConcurrentHashMap<>();

    public BoundedMemo(int capacity, Function<String, V> lookup) {
        this.capacity = capacity;
        this.lookup = lookup;
    }

    public V get(String text) {
        V answer = answers.get(text);
        if (answer == null) {
            answer = lookup.apply(text);
            if (answers.size() >= capacity) {
                answers.clear();
            }
            answers.put(text, answer);
        }
        return answer;
    }
}

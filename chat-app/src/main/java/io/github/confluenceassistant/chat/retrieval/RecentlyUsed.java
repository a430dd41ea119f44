package io.github.confluenceassistant.chat.retrieval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map of at most {@code capacity} entries that forgets the least recently used one first; safe to share between
 * threads (each call holds its lock briefly, so compute values outside it).
 */
final class RecentlyUsed<K, V> {

    private final Map<K, V> entries;

    RecentlyUsed(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value, now the most recently used, or null. */
    synchronized V get(K key) {
        return entries.get(key);
    }

    synchronized void put(K key, V value) {
        entries.put(key, value);
    }
}

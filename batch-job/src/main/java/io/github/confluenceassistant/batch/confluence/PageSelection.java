package io.github.confluenceassistant.batch.confluence;

import java.util.List;
import java.util.Optional;

/**
 * Which current pages one reader (or the prune step) looks at: all spaces or only some, and optionally one slice
 * of them by a hash of the page id, so that one big space can be shared by several worker threads.
 *
 * @param spaceKeys only these spaces; empty means all spaces (an empty list inside means none)
 * @param slice     this slice, from 0
 * @param slices    how many slices the pages are cut into (1: no slicing)
 */
public record PageSelection(Optional<List<String>> spaceKeys, int slice, int slices) {

    public PageSelection {
        spaceKeys = spaceKeys.map(List::copyOf);
        if (slices < 1 || slice < 0 || slice >= slices) {
            throw new IllegalArgumentException("slice " + slice + " of " + slices);
        }
    }

    public static PageSelection allPages() {
        return new PageSelection(Optional.empty(), 0, 1);
    }

    public static PageSelection spaces(List<String> spaceKeys) {
        return new PageSelection(Optional.of(spaceKeys), 0, 1);
    }

    public boolean sliced() {
        return slices > 1;
    }

    @Override
    public String toString() {
        return spaceKeys.map(keys -> "spaces " + keys).orElse("all spaces") + (sliced() ? ", slice " + slice + " of " + slices : "");
    }
}

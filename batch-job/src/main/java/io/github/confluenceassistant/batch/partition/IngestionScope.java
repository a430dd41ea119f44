package io.github.confluenceassistant.batch.partition;

import io.github.confluenceassistant.batch.confluence.PageSelection;
import io.github.confluenceassistant.batch.job.IngestionProperties;
import io.github.confluenceassistant.batch.job.IngestionProperties.Shard;

import java.util.Collection;
import java.util.List;

/**
 * The spaces this process is responsible for: the configured space keys (or all), and of those only its shard's
 * share. The page step reads exactly these spaces and the prune step never touches a page outside them.
 */
public class IngestionScope {

    private final List<String> configuredSpaceKeys;
    private final Shard shard;

    public IngestionScope(IngestionProperties properties) {
        this.configuredSpaceKeys = properties.spaceKeys();
        this.shard = properties.shard();
    }

    public boolean includes(String spaceKey) {
        return (configuredSpaceKeys.isEmpty() || configuredSpaceKeys.contains(spaceKey)) && shard.owns(spaceKey);
    }

    /** Whether {@link #selection} needs the spaces present in the source tables. */
    public boolean needsCurrentSpaces() {
        return shard.sharded();
    }

    /** All pages in scope, given the spaces the source tables hold now (only consulted when sharded). */
    public PageSelection selection(Collection<String> currentSpaces) {
        if (!shard.sharded()) {
            return configuredSpaceKeys.isEmpty() ? PageSelection.allPages() : PageSelection.spaces(configuredSpaceKeys);
        }
        return PageSelection.spaces(currentSpaces.stream().filter(this::includes).sorted().toList());
    }

    @Override
    public String toString() {
        String spaces = configuredSpaceKeys.isEmpty() ? "all spaces" : "spaces " + configuredSpaceKeys;
        return shard.sharded() ? spaces + ", shard " + shard.index() + " of " + shard.count() : spaces;
    }
}

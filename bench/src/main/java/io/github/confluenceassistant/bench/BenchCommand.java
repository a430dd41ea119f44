package io.github.confluenceassistant.bench;

import tools.jackson.databind.node.ObjectNode;

import java.util.Set;

/** One benchmark: runs on the options and returns its result, which {@link BenchMain} prints as the last line. */
public interface BenchCommand {

    /** Options every command takes (where the servers are, the checkout). */
    Set<String> COMMON_OPTIONS = Set.of("postgres-url", "postgres-user", "postgres-password", "chroma-url",
            "project-root", "keep");

    /** The options this command takes, besides {@link #COMMON_OPTIONS}. */
    Set<String> options();

    ObjectNode run(BenchOptions options, Progress progress) throws Exception;
}

package io.github.confluenceassistant.bench;

import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;

import java.nio.file.Path;

/**
 * The dataset a benchmark runs on (format: shared/datasets/README.md), with the name it is reported under: the
 * directory's name, or {@code demo-space} for the demo space shipped with local-stack.
 */
public record BenchDataset(String name, ConfluenceDataset data) {

    public static BenchDataset required(BenchOptions options) {
        return load(options.required("dataset"));
    }

    /** {@code --dataset DIR}, or the demo space when none is given. */
    public static BenchDataset orDemoSpace(BenchOptions options) {
        return options.string("dataset").map(BenchDataset::load)
                .orElseGet(() -> new BenchDataset("demo-space", ConfluenceDataset.demoSpace()));
    }

    private static BenchDataset load(String directory) {
        Path path = Path.of(directory).toAbsolutePath().normalize();
        return new BenchDataset(path.getFileName().toString(), ConfluenceDataset.load(path));
    }

    public int contentCount() {
        return data.pages().size() + data.blogPosts().size();
    }

    @Override
    public String toString() {
        return name + " (" + data + ")";
    }
}

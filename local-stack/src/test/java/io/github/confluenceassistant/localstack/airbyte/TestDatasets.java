package io.github.confluenceassistant.localstack.airbyte;

import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;

import java.nio.file.Files;
import java.nio.file.Path;

/** The dataset the stand-in tests sync: the demo space, or the shared mtrag-cloud set until the demo exists. */
final class TestDatasets {

    private TestDatasets() {
    }

    static ConfluenceDataset demoOrMtrag() {
        if (TestDatasets.class.getClassLoader().getResource("demo-space/pages.jsonl") != null) {
            return ConfluenceDataset.demoSpace();
        }
        String shared = System.getProperty("shared.dir");
        Path base = shared != null ? Path.of(shared)
                : Files.isDirectory(Path.of("../../shared")) ? Path.of("../../shared") : Path.of("../shared");
        return ConfluenceDataset.load(base.resolve("datasets/mtrag-cloud"));
    }

    static int recordCount(ConfluenceDataset dataset) {
        return dataset.pages().size() + dataset.blogPosts().size() + dataset.spaces().size();
    }
}

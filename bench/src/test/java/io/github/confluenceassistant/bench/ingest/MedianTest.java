package io.github.confluenceassistant.bench.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MedianTest {

    @Test
    void theMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
        assertThat(IngestCommand.median(new double[]{0.93})).isEqualTo(0.93);
        assertThat(IngestCommand.median(new double[]{0.99, 0.86, 0.90})).isEqualTo(0.90);
        assertThat(IngestCommand.median(new double[]{0.96, 0.86})).isEqualTo(0.91, org.assertj.core.api.Assertions.within(1e-9));
    }
}

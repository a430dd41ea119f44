package io.github.confluenceassistant.bench.job;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class JobRepositoryReportTest {

    @Test
    void peakHeapIsReadFromAJacksonSerializedContext() {
        assertThat(JobRepositoryReport.peakHeapOf(
                "{\"@class\":\"java.util.HashMap\",\"jvm.peak-heap-mb\":[\"java.lang.Long\",412],\"batch.version\":\"6\"}"))
                .isEqualTo(OptionalLong.of(412));
        assertThat(JobRepositoryReport.peakHeapOf("{\"jvm.peak-heap-mb\":97}")).isEqualTo(OptionalLong.of(97));
    }

    @Test
    void peakHeapIsReadFromTheDefaultJavaSerializedContext() throws IOException {
        Map<String, Object> context = new HashMap<>();
        context.put("jvm.peak-heap-mb", 333L);
        context.put("batch.version", "6.0.6");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(context);
        }

        assertThat(JobRepositoryReport.peakHeapOf(Base64.getEncoder().encodeToString(bytes.toByteArray())))
                .isEqualTo(OptionalLong.of(333));
    }

    @Test
    void aContextWithoutTheKeyReportsNothing() {
        assertThat(JobRepositoryReport.peakHeapOf("{\"batch.version\":\"6\"}")).isEmpty();
        assertThat(JobRepositoryReport.peakHeapOf("")).isEmpty();
        assertThat(JobRepositoryReport.peakHeapOf("not base64 at all!")).isEmpty();
    }
}

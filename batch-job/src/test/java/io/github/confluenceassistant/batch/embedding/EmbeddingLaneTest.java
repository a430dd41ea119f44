package io.github.confluenceassistant.batch.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.github.confluenceassistant.shared.snippet.Snippet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lane embeds pages in the background and hands each page exactly its own vectors: for an endpoint, batching
 * what waits; in process, one page per worker, text by text, so no worker waits for another's page.
 */
class EmbeddingLaneTest {

    /** Each text's vector is its number ("text-7" gives [7]); every call is recorded, a call with text-0 is held. */
    private final CountDownLatch firstCallEntered = new CountDownLatch(1);
    private final CountDownLatch firstCallMayGo = new CountDownLatch(1);
    private final List<Integer> callSizes = new CopyOnWriteArrayList<>();
    private volatile String failOn;
    private final EmbeddingModel model = new EmbeddingModel() {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            if (segments.stream().anyMatch(s -> s.text().equals("text-0"))) {
                firstCallEntered.countDown();
                try {
                    firstCallMayGo.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            callSizes.add(segments.size());
            if (segments.stream().anyMatch(s -> s.text().equals(failOn))) {
                throw new IllegalStateException("model broke on " + failOn);
            }
            return Response.from(segments.stream()
                    .map(s -> Embedding.from(new float[]{Float.parseFloat(s.text().substring("text-".length()))}))
                    .toList());
        }
    };
    private final SnippetEmbedder embedder = FakeEmbedders.of(model);
    private final EmbeddingLane lane = EmbeddingLane.batching(embedder, 10);

    @AfterEach
    void close() {
        lane.close();
        embedder.close();
    }

    @Test
    void pagesWaitingTogetherAreEmbeddedInOneCallAndEachGetsItsOwnVectors() throws InterruptedException {
        List<CompletableFuture<List<Embedding>>> pages = new ArrayList<>();
        pages.add(lane.submit(snippets(0, 2))); // taken at once, held inside the model
        assertThat(firstCallEntered.await(10, TimeUnit.SECONDS)).isTrue();
        pages.add(lane.submit(snippets(2, 3)));
        pages.add(lane.submit(snippets(5, 4)));
        pages.add(lane.submit(snippets(9, 4))); // 3 + 4 + 4 > 10: the next call
        firstCallMayGo.countDown();

        assertThat(pages.get(0).join()).extracting(e -> e.vector()[0]).containsExactly(0f, 1f);
        assertThat(pages.get(1).join()).extracting(e -> e.vector()[0]).containsExactly(2f, 3f, 4f);
        assertThat(pages.get(2).join()).extracting(e -> e.vector()[0]).containsExactly(5f, 6f, 7f, 8f);
        assertThat(pages.get(3).join()).extracting(e -> e.vector()[0]).containsExactly(9f, 10f, 11f, 12f);
        assertThat(callSizes).containsExactly(2, 7, 4);
    }

    @Test
    void aFailedCallFailsItsPagesOnlyAndTheLaneGoesOn() {
        failOn = "text-3";
        firstCallMayGo.countDown();
        CompletableFuture<List<Embedding>> broken = lane.submit(snippets(2, 2));
        assertThatThrownBy(broken::join).hasRootCauseMessage("model broke on text-3");

        assertThat(lane.submit(snippets(20, 1)).join()).extracting(e -> e.vector()[0]).containsExactly(20f);
    }

    @Test
    void aPageWithoutSnippetsNeedsNoCall() {
        firstCallMayGo.countDown();
        assertThat(lane.submit(List.of()).join()).isEmpty();
        assertThat(callSizes).isEmpty();
    }

    @Test
    void inProcessEachWorkerEmbedsItsOwnPageTextByTextWhileTheOtherGoesOn() throws Exception {
        try (EmbeddingLane inProcess = EmbeddingLane.inProcess(embedder, 2)) {
            CompletableFuture<List<Embedding>> held = inProcess.submit(snippets(0, 3)); // its first text is held
            assertThat(firstCallEntered.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<List<Embedding>> second = inProcess.submit(snippets(3, 2));
            CompletableFuture<List<Embedding>> third = inProcess.submit(snippets(5, 4));

            assertThat(second.get(10, TimeUnit.SECONDS)).extracting(e -> e.vector()[0]).containsExactly(3f, 4f);
            assertThat(third.get(10, TimeUnit.SECONDS)).extracting(e -> e.vector()[0]).containsExactly(5f, 6f, 7f, 8f);
            assertThat(held).as("the other worker did not wait for the held page").isNotDone();

            firstCallMayGo.countDown();
            assertThat(held.get(10, TimeUnit.SECONDS)).extracting(e -> e.vector()[0]).containsExactly(0f, 1f, 2f);
            assertThat(callSizes).as("one text per call").hasSize(9).containsOnly(1);
        }
    }

    private static List<Snippet> snippets(int first, int count) {
        return IntStream.range(first, first + count)
                .mapToObj(i -> new Snippet("p:1:" + i, "p", "ENG", "page", "Title", "https://wiki/p", "", "", 1,
                        Instant.EPOCH, i, "text-" + i))
                .toList();
    }
}

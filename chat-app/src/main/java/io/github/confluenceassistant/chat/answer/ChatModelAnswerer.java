package io.github.confluenceassistant.chat.answer;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Streams the chat model's answer token by token. A call that fails before its first token (a 429, say) is
 * retried; once tokens have reached the reader, a failure ends the stream instead, since a retry would repeat them.
 */
class ChatModelAnswerer {

    private final StreamingChatModel model;
    private final RetryTemplate retry;
    private final Duration timeout;
    private final String endpoint;

    ChatModelAnswerer(StreamingChatModel model, RetryTemplate retry, Duration timeout, String endpoint) {
        this.model = model;
        this.retry = retry;
        this.timeout = timeout;
        this.endpoint = endpoint;
    }

    Flux<String> stream(List<ChatMessage> messages) {
        return Flux.<String>create(sink -> {
            AtomicBoolean tokensSent = new AtomicBoolean();
            try {
                retry.execute(() -> {
                    streamOnce(messages, sink, tokensSent);
                    return null;
                });
                sink.complete();
            } catch (RetryException e) {
                sink.error(new ChatModelUnavailableException("The chat model at " + endpoint + " failed: "
                        + e.getLastException().getMessage(), e.getLastException()));
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private void streamOnce(List<ChatMessage> messages, FluxSink<String> sink, AtomicBoolean tokensSent) throws Throwable {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(ChatRequest.builder().messages(messages).build(), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String token) {
                tokensSent.set(true);
                sink.next(token);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (tokensSent.get()) { // without its cause, so the retry policy does not take it for transient
                throw new IllegalStateException("The answer broke off: " + e.getCause());
            }
            throw e.getCause();
        } catch (TimeoutException e) {
            throw new IllegalStateException("No complete answer within " + timeout);
        }
    }
}

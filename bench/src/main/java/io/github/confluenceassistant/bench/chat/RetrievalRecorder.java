package io.github.confluenceassistant.bench.chat;

import io.github.confluenceassistant.chat.retrieval.Retrieval;
import io.github.confluenceassistant.chat.retrieval.SnippetRetriever;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wraps the chat app's {@link SnippetRetriever} bean, so the answer service runs unchanged while the bench sees
 * each retrieval it made (the standalone query, the passages, the outcome) and how long it took: from
 * subscription to result, i.e. embedding the query, Chroma, keyword search, fusion and the relevance floor, and
 * not the answer written from it.
 */
public final class RetrievalRecorder implements BeanPostProcessor {

    /** One retrieval and its duration. */
    public record TimedRetrieval(Retrieval retrieval, long nanos) {

        public double millis() {
            return nanos / 1e6;
        }
    }

    private final AtomicReference<TimedRetrieval> last = new AtomicReference<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof SnippetRetriever)) {
            return bean;
        }
        ProxyFactory proxy = new ProxyFactory(bean);
        proxy.setProxyTargetClass(true);
        proxy.addAdvice((MethodInterceptor) invocation -> {
            Object result = invocation.proceed();
            if (!"retrieve".equals(invocation.getMethod().getName()) || !(result instanceof Mono<?> mono)) {
                return result;
            }
            return Mono.defer(() -> {
                long start = System.nanoTime();
                return mono.doOnSuccess(found -> {
                    if (found instanceof Retrieval retrieval) {
                        last.set(new TimedRetrieval(retrieval, System.nanoTime() - start));
                    }
                });
            });
        });
        return proxy.getProxy(bean.getClass().getClassLoader());
    }

    /** The latest retrieval, taken (so the next question cannot see it). */
    public Optional<TimedRetrieval> takeLast() {
        return Optional.ofNullable(last.getAndSet(null));
    }
}

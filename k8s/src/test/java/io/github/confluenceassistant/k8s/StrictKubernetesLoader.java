package io.github.confluenceassistant.k8s;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.kubernetes.client.util.Yaml;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML documents as the Kubernetes API types of the official Java client (io.kubernetes:client-java) and
 * rejects what the API server would: its YAML loader fails on a field the type does not have, and each model's
 * {@code validateJsonElement} fails on a missing required field (and, again, on unknown ones).
 */
final class StrictKubernetesLoader {

    private static final Gson GSON = new Gson();
    private static final String API_MODELS = "io.kubernetes.client.openapi.models";
    private static final int MAX_MESSAGE = 300;

    private StrictKubernetesLoader() {
    }

    static List<Manifest> loadAll(String yaml, String source) {
        List<Manifest> manifests = new ArrayList<>();
        org.yaml.snakeyaml.Yaml plain = new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions()));
        int index = 0;
        for (Object document : plain.loadAll(yaml)) {
            index++;
            if (document == null) {
                continue;
            }
            if (!(document instanceof Map<?, ?>)) {
                throw new InvalidManifestException(source + ", document " + index + ": not a YAML mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> raw = (Map<String, Object>) document;
            manifests.add(load(raw, source + ", document " + index));
        }
        return manifests;
    }

    private static Manifest load(Map<String, Object> raw, String where) {
        String label = where + " (" + raw.get("kind") + "/" + nameOf(raw) + ")";
        Object typed;
        try {
            typed = Yaml.load(plainDump(raw));
        } catch (Exception e) {
            throw new InvalidManifestException(label + " does not match the Kubernetes API types: " + rootMessage(e), e);
        }
        if (!typed.getClass().getPackageName().equals(API_MODELS)) {
            throw new InvalidManifestException(label + " is not a Kubernetes API type this check knows (client-java "
                    + "read it as " + typed.getClass().getSimpleName() + ")");
        }
        validateRequiredFields(typed.getClass(), raw, label);
        return new Manifest(where, raw, typed);
    }

    private static void validateRequiredFields(Class<?> type, Map<String, Object> raw, String label) {
        JsonElement json = GSON.toJsonTree(raw);
        try {
            Method validate = type.getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, json);
        } catch (InvocationTargetException e) {
            throw new InvalidManifestException(label + " is not a valid " + type.getSimpleName() + ": in "
                    + failingModel(e.getCause()) + ": " + rootMessage(e.getCause()), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " has no validateJsonElement(JsonElement)", e);
        }
    }

    private static String plainDump(Map<String, Object> raw) {
        return new org.yaml.snakeyaml.Yaml().dump(raw);
    }

    private static String nameOf(Map<String, Object> raw) {
        return raw.get("metadata") instanceof Map<?, ?> m && m.get("name") instanceof String name ? name : "<no name>";
    }

    /** The API type whose validation failed, e.g. V1Container inside a V1CronJob. */
    private static String failingModel(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getMethodName().equals("validateJsonElement")) {
                return frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
            }
        }
        return "?";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        // Gson's messages end with the whole JSON document; the field name is what matters
        int json = message.indexOf(". JSON: ");
        String trimmed = json > 0 ? message.substring(0, json) : message;
        return trimmed.length() > MAX_MESSAGE ? trimmed.substring(0, MAX_MESSAGE) + "..." : trimmed;
    }

    static final class InvalidManifestException extends RuntimeException {
        InvalidManifestException(String message) {
            super(message);
        }

        InvalidManifestException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

package io.github.confluenceassistant.k8s;

import java.util.Map;

/**
 * One Kubernetes object of a rendered kustomization: as the API types read it ({@code typed}, e.g. a
 * {@code V1CronJob}) and as plain YAML ({@code raw}), with where it came from for messages.
 */
record Manifest(String source, Map<String, Object> raw, Object typed) {

    String kind() {
        return (String) raw.get("kind");
    }

    String name() {
        Object metadata = raw.get("metadata");
        return metadata instanceof Map<?, ?> m && m.get("name") instanceof String name ? name : "<no name>";
    }

    <T> T as(Class<T> type) {
        return type.cast(typed);
    }

    @Override
    public String toString() {
        return kind() + "/" + name() + " (" + source + ")";
    }
}

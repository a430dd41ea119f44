package io.github.confluenceassistant.k8s;

import io.kubernetes.client.openapi.models.V1Secret;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Secret templates of k8s/secrets: which Secrets and keys exist for the manifests to read. */
final class SecretTemplates {

    private final Map<String, Map<String, String>> secrets;

    private SecretTemplates(Map<String, Map<String, String>> secrets) {
        this.secrets = secrets;
    }

    static SecretTemplates of(List<Manifest> rendered) {
        Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
        for (Manifest manifest : rendered) {
            if (manifest.typed() instanceof V1Secret secret) {
                Map<String, String> values = new HashMap<>();
                if (secret.getData() != null) {
                    secret.getData().forEach((k, v) -> values.put(k, new String(v, StandardCharsets.UTF_8)));
                }
                if (secret.getStringData() != null) {
                    values.putAll(secret.getStringData());
                }
                secrets.put(manifest.name(), values);
            }
        }
        return new SecretTemplates(secrets);
    }

    boolean has(String name) {
        return secrets.containsKey(name);
    }

    boolean has(String name, String key) {
        return secrets.containsKey(name) && secrets.get(name).containsKey(key);
    }

    Set<String> keys(String name) {
        return secrets.getOrDefault(name, Map.of()).keySet();
    }

    Map<String, Map<String, String>> all() {
        return secrets;
    }
}

package io.github.confluenceassistant.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The command line: a command name, then {@code --name value} options and {@code --flag}s. Which names take a
 * value is fixed here, so a misspelt option is an error rather than silently ignored.
 */
public final class BenchOptions {

    private static final Set<String> FLAGS = Set.of("empty-bodies", "all-modes", "keep");

    private final String command;
    private final Map<String, String> values;

    private BenchOptions(String command, Map<String, String> values) {
        this.command = command;
        this.values = values;
    }

    public static BenchOptions parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("Name a command first: ingest, eval, load, restart or query-latency");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("Expected an option (--name), got '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (FLAGS.contains(name)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            values.put(name, value);
        }
        return new BenchOptions(args[0], values);
    }

    public String command() {
        return command;
    }

    /** @throws IllegalArgumentException naming the options the command does not take */
    void allowOnly(Set<String> commandOptions) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(commandOptions);
        unknown.removeAll(BenchCommand.COMMON_OPTIONS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(command + " does not take --" + String.join(", --", unknown));
        }
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    /**
     * {@code --set assistant.retrieval.rrf-k=1,assistant.answer.max-quoted-sentences=3}: chat-app settings to try
     * without rebuilding, over its application.properties. The JSON lists them, so such figures are never taken for
     * the app's own.
     */
    public Map<String, String> settingOverrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String pair : string("set").map(v -> v.split(",")).orElse(new String[0])) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? "" : pair.substring(0, equals).strip();
            if (!key.startsWith("assistant.") || key.startsWith("assistant.chat-model.")) {
                throw new IllegalArgumentException("--set takes assistant.* settings as KEY=VALUE, comma-separated"
                        + " (the chat model through --llm-base-url and --llm-model), was '" + pair + "'");
            }
            overrides.put(key, pair.substring(equals + 1).strip());
        }
        return overrides;
    }

    public String required(String name) {
        return string(name).orElseThrow(() -> new IllegalArgumentException(command + " needs --" + name));
    }

    public int integer(String name, int defaultValue) {
        return string(name).map(v -> parseInt(name, v)).orElse(defaultValue);
    }

    public Optional<Integer> integer(String name) {
        return string(name).map(v -> parseInt(name, v));
    }

    public Optional<Long> longValue(String name) {
        return string(name).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + v + "'");
            }
        });
    }

    public boolean flag(String name) {
        return "true".equalsIgnoreCase(values.get(name));
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + value + "'");
        }
    }
}

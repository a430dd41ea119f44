package io.github.confluenceassistant.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The settings one app really reads, derived from its source: the {@code @ConfigurationProperties} records
 * (prefix + components, nested records included) of the app and of shared-model, the {@code ${NAME:default}}
 * placeholders and the keys of its application.properties, and Spring Boot's own namespaces. An environment
 * variable is accepted when Spring's relaxed binding maps it onto one of them.
 */
final class KnownProperties {

    /** Spring Boot's own properties: too many to list, owned by Boot, bound the same way. */
    private static final List<String> BOOT_PREFIXES = List.of("SPRING_", "SERVER_", "MANAGEMENT_", "LOGGING_");
    /** Read by the JVM itself, not by Spring. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private static final Pattern ANNOTATION = Pattern.compile(
            "@ConfigurationProperties\\(\\s*(?:(?:value|prefix)\\s*=\\s*)?\"([^\"]+)\"");
    private static final Pattern RECORD = Pattern.compile("\\brecord\\s+(\\w+)\\s*(?:<[^>]*>)?\\s*\\(");
    private static final Pattern CLASS = Pattern.compile("\\bclass\\s+(\\w+)");
    private static final Pattern FIELD = Pattern.compile(
            "^\\s*private\\s+(?!static)(?:final\\s+)?([\\w.<>, ?\\[\\]]+?)\\s+(\\w+)\\s*(?:=[^;]*)?;", Pattern.MULTILINE);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)[:}]");
    private static final Pattern COLLECTION = Pattern.compile("(?:java\\.util\\.)?(?:List|Set|Collection)<\\s*([\\w.]+)\\s*>");
    private static final Pattern MAP = Pattern.compile("(?:java\\.util\\.)?Map<\\s*[\\w.]+\\s*,\\s*([\\w.]+)\\s*>");

    private final String app;
    private final Set<String> properties;
    private final Set<String> placeholders;
    private final List<Pattern> patterns;

    private KnownProperties(String app, Set<String> properties, Set<String> placeholders) {
        this.app = app;
        this.properties = properties;
        this.placeholders = placeholders;
        this.patterns = properties.stream().flatMap(KnownProperties::environmentPatterns).toList();
    }

    /** What {@code module} (e.g. "batch-job") reads, with shared-model, from the sources under {@code projectRoot}. */
    static KnownProperties of(Path projectRoot, String module) {
        Set<String> properties = new TreeSet<>();
        for (Path sources : List.of(projectRoot.resolve(module).resolve("src/main/java"),
                projectRoot.resolve("shared-model/src/main/java"))) {
            for (Path file : javaFiles(sources)) {
                properties.addAll(fromJavaSource(read(file)));
            }
        }
        Set<String> placeholders = new TreeSet<>();
        Path applicationProperties = projectRoot.resolve(module).resolve("src/main/resources/application.properties");
        if (Files.exists(applicationProperties)) {
            String text = read(applicationProperties);
            properties.addAll(keysOf(text));
            placeholders.addAll(placeholdersOf(text));
        }
        if (properties.isEmpty()) {
            throw new IllegalStateException("Found no @ConfigurationProperties in " + module + " or shared-model: "
                    + "is " + projectRoot + " the project root?");
        }
        return new KnownProperties(module, properties, placeholders);
    }

    boolean accepts(String environmentVariable) {
        return JVM_VARIABLES.contains(environmentVariable)
                || placeholders.contains(environmentVariable)
                || BOOT_PREFIXES.stream().anyMatch(environmentVariable::startsWith)
                || patterns.stream().anyMatch(p -> p.matcher(environmentVariable).matches());
    }

    Set<String> properties() {
        return properties;
    }

    Set<String> placeholders() {
        return placeholders;
    }

    String app() {
        return app;
    }

    // --- Java source ------------------------------------------------------------------------------------------

    /** Property names ({@code a.b-c}, {@code a.list[*].x}, {@code a.map.*}) of every @ConfigurationProperties type in one file. */
    static Set<String> fromJavaSource(String source) {
        String code = withoutComments(source);
        Map<String, List<Component>> records = recordsIn(code);
        Set<String> names = new LinkedHashSet<>();
        Matcher annotation = ANNOTATION.matcher(code);
        while (annotation.find()) {
            String prefix = annotation.group(1);
            Matcher type = RECORD.matcher(code);
            Matcher clazz = CLASS.matcher(code);
            boolean isRecord = type.find(annotation.end());
            boolean isClass = clazz.find(annotation.end());
            if (isRecord && (!isClass || type.start() < clazz.start())) {
                addComponents(prefix, records.get(type.group(1)), records, names, 0);
            } else if (isClass) {
                addComponents(prefix, fieldsOfClassAt(code, clazz.end()), records, names, 0);
            }
        }
        return names;
    }

    private record Component(String type, String name) {
    }

    private static void addComponents(String prefix, List<Component> components, Map<String, List<Component>> records,
                                      Set<String> names, int depth) {
        if (components == null || depth > 5) {
            return;
        }
        for (Component component : components) {
            String property = prefix + "." + kebab(component.name());
            Matcher collection = COLLECTION.matcher(component.type());
            Matcher map = MAP.matcher(component.type());
            if (collection.matches() && records.containsKey(simple(collection.group(1)))) {
                addComponents(property + "[*]", records.get(simple(collection.group(1))), records, names, depth + 1);
            } else if (map.matches() && records.containsKey(simple(map.group(1)))) {
                addComponents(property + ".*", records.get(simple(map.group(1))), records, names, depth + 1);
            } else if (records.containsKey(simple(component.type()))) {
                addComponents(property, records.get(simple(component.type())), records, names, depth + 1);
            } else if (map.matches()) {
                names.add(property + ".*");
            } else {
                names.add(property);
                if (collection.matches() || component.type().endsWith("[]")) {
                    names.add(property + "[*]");
                }
            }
        }
    }

    private static Map<String, List<Component>> recordsIn(String code) {
        Map<String, List<Component>> records = new HashMap<>();
        Matcher record = RECORD.matcher(code);
        while (record.find()) {
            int close = matchingParenthesis(code, record.end() - 1);
            records.put(record.group(1), components(code.substring(record.end(), close)));
        }
        return records;
    }

    private static List<Component> fieldsOfClassAt(String code, int from) {
        int open = code.indexOf('{', from);
        int close = matchingParenthesis(code, open);
        String body = code.substring(open + 1, close);
        List<Component> fields = new ArrayList<>();
        Matcher field = FIELD.matcher(body);
        while (field.find()) {
            fields.add(new Component(field.group(1).strip(), field.group(2)));
        }
        return fields;
    }

    /** Record components, split at top-level commas, annotations (with their arguments) removed. */
    private static List<Component> components(String parameterList) {
        List<Component> components = new ArrayList<>();
        for (String parameter : splitTopLevel(parameterList)) {
            String declaration = withoutAnnotations(parameter).strip().replaceAll("\\s+", " ");
            if (declaration.isEmpty()) {
                continue;
            }
            int lastSpace = declaration.lastIndexOf(' ');
            components.add(new Component(declaration.substring(0, lastSpace).strip(), declaration.substring(lastSpace + 1)));
        }
        return components;
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = endOfString(text, i);
            } else if (c == '(' || c == '<' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '>' || c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static String withoutAnnotations(String parameter) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parameter.length(); i++) {
            char c = parameter.charAt(i);
            if (c == '@') {
                int j = i + 1;
                while (j < parameter.length() && (Character.isJavaIdentifierPart(parameter.charAt(j)) || parameter.charAt(j) == '.')) {
                    j++;
                }
                while (j < parameter.length() && Character.isWhitespace(parameter.charAt(j))) {
                    j++;
                }
                i = j < parameter.length() && parameter.charAt(j) == '(' ? matchingParenthesis(parameter, j) : j - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Index of the bracket closing the one at {@code open} ('(' or '{'), skipping string and char literals. */
    private static int matchingParenthesis(String text, int open) {
        char opening = text.charAt(open);
        char closing = opening == '(' ? ')' : '}';
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfString(text, i);
            } else if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("Unbalanced " + opening + " at " + open);
    }

    private static int endOfString(String text, int quote) {
        char delimiter = text.charAt(quote);
        if (delimiter == '"' && text.startsWith("\"\"\"", quote)) {
            int end = text.indexOf("\"\"\"", quote + 3);
            return end < 0 ? text.length() : end + 2;
        }
        for (int i = quote + 1; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == delimiter) {
                return i;
            }
        }
        return text.length();
    }

    private static String withoutComments(String source) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                int end = endOfString(source, i);
                out.append(source, i, Math.min(end + 1, source.length()));
                i = end;
            } else if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i) - 1;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    // --- application.properties ---------------------------------------------------------------------------

    private static Set<String> keysOf(String propertiesFile) {
        Set<String> keys = new TreeSet<>();
        for (String line : propertiesFile.split("\n")) {
            String trimmed = line.strip();
            int equals = trimmed.indexOf('=');
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.startsWith("!") && equals > 0) {
                keys.add(trimmed.substring(0, equals).strip().replaceAll("\\[\\d+]", "[*]"));
            }
        }
        return keys;
    }

    private static Set<String> placeholdersOf(String propertiesFile) {
        Set<String> names = new TreeSet<>();
        Matcher placeholder = PLACEHOLDER.matcher(propertiesFile);
        while (placeholder.find()) {
            names.add(placeholder.group(1));
        }
        return names;
    }

    // --- relaxed binding ----------------------------------------------------------------------------------

    /**
     * The environment variables Spring Boot binds to a property: upper case, dots to underscores, and dashes
     * either removed or (the legacy form) turned into underscores; {@code [i]} is {@code _i}, a map key any
     * further segments.
     */
    static Stream<Pattern> environmentPatterns(String property) {
        return Stream.of("", "_").distinct().map(dash -> {
            StringBuilder regex = new StringBuilder();
            String[] segments = property.split("\\.");
            for (int i = 0; i < segments.length; i++) {
                String segment = segments[i];
                if (i > 0) {
                    regex.append('_');
                }
                if (segment.equals("*")) {
                    regex.append("[A-Z0-9_]+");
                    continue;
                }
                boolean indexed = segment.endsWith("[*]");
                String name = indexed ? segment.substring(0, segment.length() - 3) : segment;
                regex.append(Pattern.quote(name.replace("-", dash).toUpperCase(Locale.ROOT)));
                if (indexed) {
                    regex.append("_[0-9]+");
                }
            }
            return Pattern.compile(regex.toString());
        });
    }

    private static List<Path> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.github.confluenceassistant.batch.confluence;

import org.jsoup.nodes.Element;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the elements of Confluence storage format mean for the text of a page: which are macros and of what kind,
 * which stand for a word (links, emoticons, images, status lozenges), which separate words, and which hold
 * nothing a reader sees.
 */
final class StorageElements {

    /** Macros that list or search other content: what they show is not this page's text. */
    private static final Set<String> DROPPED_MACROS = Set.of("toc", "children", "recently-updated", "pagetree",
            "pagetreesearch", "contentbylabel", "attachments", "livesearch", "blog-posts");
    private static final Set<String> CODE_MACROS = Set.of("code", "noformat");
    private static final Map<String, String> PANEL_LABELS = Map.of(
            "info", "Info", "note", "Note", "tip", "Tip", "warning", "Warning");
    /** Panels whose label is their title parameter. */
    private static final Set<String> TITLED_PANELS = Set.of("panel", "expand");

    private static final Set<String> NEVER_CONTENT = Set.of("ac:parameter", "ac:default-parameter",
            "ac:placeholder", "ac:task-id", "ac:task-uuid", "ac:task-status", "ac:adf-attribute", "script", "style",
            "head", "title");
    private static final Set<String> BLOCKS = Set.of("p", "div", "blockquote", "section", "article", "header",
            "footer", "aside", "figure", "figcaption", "dl", "dt", "dd", "hr", "center", "address", "thead", "tbody",
            "tfoot", "tr", "caption", "ac:layout", "ac:layout-section", "ac:layout-cell", "ac:rich-text-body",
            "ac:task-body", "ac:adf-extension", "ac:adf-node", "ac:adf-content", "ac:caption");
    private static final Set<String> STRUCTURE = Set.of("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
            "table", "td", "th", "pre", "br", "ac:task-list", "ac:task", "ac:plain-text-body");

    private StorageElements() {
    }

    static boolean isMacro(Element e) {
        String name = e.normalName();
        return name.equals("ac:structured-macro") || name.equals("ac:macro");
    }

    static String macroName(Element macro) {
        return macro.attr("ac:name").toLowerCase(Locale.ROOT);
    }

    /** The value of a macro's named parameter, "" when absent. */
    static String parameter(Element macro, String name) {
        for (Element child : macro.children()) {
            if (child.normalName().equals("ac:parameter") && child.attr("ac:name").equalsIgnoreCase(name)) {
                return TextNormalizer.collapseWhitespace(child.text());
            }
        }
        return "";
    }

    static boolean isCodeMacro(Element e) {
        return isMacro(e) && CODE_MACROS.contains(macroName(e));
    }

    /** A macro that holds a body we keep and show as one labelled block ("Note: ..."); null for other elements. */
    static String panelLabel(Element e) {
        if (e.normalName().equals("ac:adf-node") && e.attr("type").equals("panel")) {
            return adfPanelLabel(e);
        }
        if (!isMacro(e)) {
            return null;
        }
        String name = macroName(e);
        if (TITLED_PANELS.contains(name)) {
            return parameter(e, "title");
        }
        return PANEL_LABELS.get(name);
    }

    /** A macro that takes room of its own in the page (it has a body), rather than sitting inside a sentence. */
    static boolean isBlockMacro(Element e) {
        if (!isMacro(e)) {
            return false;
        }
        return hasChild(e, "ac:rich-text-body") || hasChild(e, "ac:plain-text-body");
    }

    /** Elements whose whole subtree is never page text. */
    static boolean isNeverContent(Element e) {
        String name = e.normalName();
        if (NEVER_CONTENT.contains(name)) {
            return true;
        }
        Element parent = e.parent();
        if (parent == null) {
            return false;
        }
        if ((name.equals("ac:rich-text-body") || name.equals("ac:plain-text-body"))
                && isMacro(parent) && DROPPED_MACROS.contains(macroName(parent))) {
            return true;
        }
        // Cloud writes new-editor panels twice: as ADF and as a fallback rendering of the same text.
        return name.equals("ac:adf-fallback") && hasChild(parent, "ac:adf-node");
    }

    private static boolean hasChild(Element parent, String name) {
        for (Element child : parent.children()) {
            if (child.normalName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Elements that separate the words before them from the words after them. */
    static boolean separatesWords(Element e) {
        String name = e.normalName();
        return BLOCKS.contains(name) || STRUCTURE.contains(name) || isBlockMacro(e);
    }

    static int headingLevel(Element e) {
        String name = e.normalName();
        if (name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6') {
            return name.charAt(1) - '0';
        }
        return 0;
    }

    /**
     * The words an element stands for when it has no text of its own: a link's target title, an emoticon's name,
     * an image's alt text, a status lozenge's title. Null when the element's text (if any) is in its children.
     * Words that sit in a sentence come bare (the text around them has its spaces); emoticons and images, often
     * written right against the text, are padded.
     */
    static String wordsFor(Element e) {
        return switch (e.normalName()) {
            case "ac:link" -> linkTarget(e);
            case "ac:emoticon" -> spaced(e.attr("ac:name").isBlank() ? "" : ":" + e.attr("ac:name") + ":");
            case "ac:image" -> image(firstNonBlank(e.attr("ac:alt"), e.attr("ac:title"), resourceName(e)));
            case "img" -> image(e.attr("alt"));
            case "time" -> e.attr("datetime");
            case "ac:structured-macro", "ac:macro" -> inlineMacroWords(e);
            default -> null;
        };
    }

    private static String inlineMacroWords(Element macro) {
        return switch (macroName(macro)) {
            case "status" -> parameter(macro, "title");
            case "jira" -> parameter(macro, "key");
            default -> null;
        };
    }

    /** Only for links without a body: a body's text is the link's text and is read like any other text. */
    private static String linkTarget(Element link) {
        if (hasChild(link, "ac:link-body") || hasChild(link, "ac:plain-text-link-body")) {
            return null;
        }
        return firstNonBlank(resourceName(link), link.attr("ac:anchor"));
    }

    private static String resourceName(Element e) {
        for (Element child : e.children()) {
            String name = switch (child.normalName()) {
                case "ri:page", "ri:blog-post" -> child.attr("ri:content-title");
                case "ri:attachment" -> child.attr("ri:filename");
                case "ri:url" -> child.attr("ri:value");
                case "ri:space" -> child.attr("ri:space-key");
                default -> "";
            };
            if (!name.isBlank()) {
                return name;
            }
        }
        return "";
    }

    private static String adfPanelLabel(Element node) {
        for (Element child : node.children()) {
            if (child.normalName().equals("ac:adf-attribute") && child.attr("key").equals("panel-type")) {
                String type = child.text().strip().toLowerCase(Locale.ROOT);
                return type.isEmpty() || type.equals("custom") ? ""
                        : Character.toUpperCase(type.charAt(0)) + type.substring(1);
            }
        }
        return "";
    }

    private static String image(String description) {
        return description.isBlank() ? "" : " [image: " + description.strip() + "] ";
    }

    private static String spaced(String words) {
        return words.isBlank() ? "" : " " + words + " ";
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (!candidate.isBlank()) {
                return candidate;
            }
        }
        return "";
    }
}

package io.github.confluenceassistant.chat.chat;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.github.confluenceassistant.chat.answer.Citation;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One source under an answer: number, page title (a link to the exact section), breadcrumb, section, last update
 * and the quoted passage. All text is set as text, never as HTML: page titles like {@code <img onerror=...>}
 * stay harmless.
 */
class CitationCard extends Div {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy").withZone(ZoneOffset.UTC);

    CitationCard(Citation citation) {
        addClassName("citation-card");
        getStyle().set("border", "1px solid var(--lumo-contrast-10pct)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("margin", "var(--lumo-space-xs) 0")
                .set("max-width", "100%").set("box-sizing", "border-box");
        Span number = new Span("[" + citation.n() + "] ");
        number.getStyle().set("font-weight", "600");
        Anchor title = new Anchor(citation.url(), citation.title());
        title.setTarget(AnchorTarget.BLANK);
        title.addClassName("citation-link");
        Div heading = new Div(number, title);
        Span where = new Span(citation.breadcrumb()
                + (citation.section() == null || citation.section().isBlank() ? "" : " › " + citation.section())
                + (citation.lastModified() == null ? "" : " · updated " + DATE.format(citation.lastModified())));
        where.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        Paragraph passage = new Paragraph(excerpt(citation.snippet()));
        passage.getStyle().set("margin", "var(--lumo-space-xs) 0 0").set("font-size", "var(--lumo-font-size-s)");
        add(heading, where, passage);
    }

    private static String excerpt(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return flat.length() > 280 ? flat.substring(0, 277) + "…" : flat;
    }
}

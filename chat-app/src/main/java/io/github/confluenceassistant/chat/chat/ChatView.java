package io.github.confluenceassistant.chat.chat;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.messages.MessageInput;
import com.vaadin.flow.component.messages.MessageList;
import com.vaadin.flow.component.messages.MessageListItem;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.github.confluenceassistant.chat.answer.Answer;
import io.github.confluenceassistant.chat.answer.AnswerEvent;
import io.github.confluenceassistant.chat.answer.AnswerService;
import io.github.confluenceassistant.chat.answer.Question;
import io.github.confluenceassistant.chat.answer.Turn;
import io.github.confluenceassistant.chat.feedback.Feedback;
import io.github.confluenceassistant.chat.feedback.FeedbackService;
import io.github.confluenceassistant.chat.security.CurrentUser;
import io.github.confluenceassistant.chat.security.UserAccess;
import jakarta.annotation.security.PermitAll;
import reactor.core.Disposable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat: questions in, answers streamed token by token (server push), each with its citation cards and a
 * thumbs up/down. Follow-up questions carry the conversation so far. Thin: the answers come from
 * {@link AnswerService}, the feedback goes to {@link FeedbackService}.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Ask Confluence")
@PermitAll
public class ChatView extends VerticalLayout {

    static final String ASSISTANT = "Confluence assistant";

    private final AnswerService answers;
    private final FeedbackService feedback;
    private final UserAccess user;
    private final List<Turn> turns = new ArrayList<>();
    private final VerticalLayout conversation = new VerticalLayout();
    private final MessageInput input = new MessageInput();
    private final MultiSelectComboBox<String> spaces = new MultiSelectComboBox<>("Spaces");
    private Disposable running;

    public ChatView(AnswerService answers, FeedbackService feedback, CurrentUser currentUser, SpaceCatalog catalog) {
        this.answers = answers;
        this.feedback = feedback;
        this.user = currentUser.get();
        setSizeFull();
        setPadding(true);
        getStyle().set("max-width", "960px").set("margin", "0 auto");

        spaces.setItems(catalog.readableSpaces(user));
        spaces.setPlaceholder("All spaces you may read");
        spaces.setClearButtonVisible(true);
        spaces.setWidth("min(100%, 22rem)");
        Button newConversation = new Button("New conversation", click -> newConversation());
        newConversation.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout toolbar = new HorizontalLayout(spaces, newConversation);
        toolbar.setWidthFull();
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.getStyle().set("flex-wrap", "wrap");

        conversation.setPadding(false);
        conversation.setSpacing(false);
        conversation.add(emptyState());
        Scroller scroller = new Scroller(conversation);
        scroller.setWidthFull();

        input.setWidthFull();
        input.addSubmitListener(submit -> ask(submit.getValue()));

        add(toolbar, scroller, input);
        expand(scroller);
    }

    void ask(String text) {
        if (text == null || text.isBlank() || running != null) {
            return;
        }
        clearEmptyState();
        Question question = new Question(text.trim(), List.copyOf(spaces.getValue()), List.copyOf(turns));
        MessageListItem asked = new MessageListItem(question.text(), Instant.now(), user.username());
        MessageListItem answer = new MessageListItem("", Instant.now(), ASSISTANT);
        answer.setUserColorIndex(2);
        MessageList exchange = new MessageList(asked, answer);
        exchange.setMarkdown(true);
        Div sources = new Div();
        sources.setWidthFull();
        conversation.add(exchange, sources);
        input.setEnabled(false);

        UI ui = UI.getCurrent();
        running = answers.stream(question, user).subscribe(
                event -> ui.access(() -> show(event, question, answer, sources)),
                error -> ui.access(() -> failed(answer, error)),
                () -> ui.access(this::done));
    }

    private void show(AnswerEvent event, Question question, MessageListItem item, Div sources) {
        switch (event) {
            case AnswerEvent.Token token -> item.appendText(token.text());
            case AnswerEvent.Completed completed -> {
                Answer answer = completed.answer();
                item.setText(answer.text());
                answer.citations().forEach(c -> sources.add(new CitationCard(c)));
                sources.add(new FeedbackBar(verdict -> feedback.record(new Feedback(user.username(), question.text(),
                        answer, verdict.helpful(), verdict.comment())).subscribe()));
                turns.add(new Turn("user", question.text()));
                turns.add(new Turn("agent", answer.text()));
            }
        }
    }

    private void failed(MessageListItem item, Throwable error) {
        item.setText("Sorry, the answer failed: " + (error.getMessage() == null ? error.getClass().getSimpleName()
                : error.getMessage()) + ". Please try again.");
        done();
    }

    private void done() {
        running = null;
        input.setEnabled(true);
    }

    void newConversation() {
        if (running != null) {
            running.dispose();
            running = null;
        }
        turns.clear();
        conversation.removeAll();
        conversation.add(emptyState());
        input.setEnabled(true);
    }

    List<Turn> turns() {
        return List.copyOf(turns);
    }

    private Span emptyState() {
        Span hint = new Span("Ask a question about your Confluence. Answers quote the pages they come from, "
                + "with numbered links to the exact section.");
        hint.addClassName("empty-state");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)");
        return hint;
    }

    private void clearEmptyState() {
        conversation.getChildren().filter(c -> c.hasClassName("empty-state")).toList().forEach(conversation::remove);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (running != null) {
            running.dispose();
        }
        super.onDetach(detachEvent);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        input.focus();
    }

    /** Thumbs up / down with an optional comment. */
    static final class FeedbackBar extends HorizontalLayout {

        record Verdict(boolean helpful, String comment) {
        }

        FeedbackBar(java.util.function.Consumer<Verdict> onVerdict) {
            TextField comment = new TextField();
            comment.setPlaceholder("Comment (optional)");
            comment.setWidth("min(100%, 18rem)");
            Button up = new Button("👍 Helpful");
            Button down = new Button("👎 Not helpful");
            Span thanks = new Span();
            up.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            down.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            up.addClickListener(c -> submit(onVerdict, new Verdict(true, comment.getValue()), up, down, comment, thanks));
            down.addClickListener(c -> submit(onVerdict, new Verdict(false, comment.getValue()), up, down, comment, thanks));
            setAlignItems(Alignment.BASELINE);
            getStyle().set("flex-wrap", "wrap");
            add(up, down, comment, thanks);
        }

        private static void submit(java.util.function.Consumer<Verdict> onVerdict, Verdict verdict, Button up, Button down,
                                   TextField comment, Span thanks) {
            onVerdict.accept(verdict);
            up.setEnabled(false);
            down.setEnabled(false);
            comment.setReadOnly(true);
            thanks.setText("Thanks for the feedback.");
        }
    }
}

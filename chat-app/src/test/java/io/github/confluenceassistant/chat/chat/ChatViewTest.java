package io.github.confluenceassistant.chat.chat;

import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.messages.MessageInput;
import com.vaadin.flow.component.messages.MessageList;
import io.github.confluenceassistant.chat.answer.Answer;
import io.github.confluenceassistant.chat.answer.AnswerEvent;
import io.github.confluenceassistant.chat.answer.AnswerMode;
import io.github.confluenceassistant.chat.answer.AnswerService;
import io.github.confluenceassistant.chat.answer.Citation;
import io.github.confluenceassistant.chat.answer.Question;
import io.github.confluenceassistant.chat.feedback.Feedback;
import io.github.confluenceassistant.chat.feedback.FeedbackService;
import io.github.confluenceassistant.chat.security.AssistantSecurityProperties;
import io.github.confluenceassistant.chat.security.CurrentUser;
import io.github.confluenceassistant.chat.security.UserAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat view's logic without a browser (Karibu): streaming into the message, citations, follow-ups, feedback. */
class ChatViewTest {

    private final List<Question> asked = new ArrayList<>();
    private final List<Feedback> recorded = new ArrayList<>();
    private ChatView view;

    @BeforeEach
    void openView() {
        MockVaadin.setup();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "alice", "x", List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        CurrentUser currentUser = new CurrentUser(new AssistantSecurityProperties(List.of(
                new AssistantSecurityProperties.User("alice", "{noop}x", List.of("USER"), java.util.Set.of("ENG"))),
                java.util.Set.of()));
        view = new ChatView(answers(), feedback(), currentUser, new SpaceCatalog(null, null) {
            @Override
            public List<String> readableSpaces(UserAccess user) {
                return List.of("ENG");
            }
        });
        UI.getCurrent().add(view);
    }

    @AfterEach
    void close() {
        SecurityContextHolder.clearContext();
        MockVaadin.tearDown();
    }

    @Test
    void anAnswerStreamsIntoTheConversationWithItsCitationCards() {
        submit("How many approvals does a pull request need?");

        MessageList exchange = LocatorJ._get(MessageList.class);
        assertThat(exchange.getItems()).hasSize(2);
        assertThat(exchange.getItems().get(0).getText()).isEqualTo("How many approvals does a pull request need?");
        assertThat(exchange.getItems().get(1).getText()).isEqualTo("Two approvals are needed [1].");
        Anchor link = LocatorJ._get(Anchor.class, spec -> spec.withClasses("citation-link"));
        assertThat(link.getHref()).isEqualTo("https://example.atlassian.net/wiki/spaces/ENG/pages/200006/Code+review#Approvals");
        assertThat(link.getText()).isEqualTo("<img src=x onerror=alert(1)> Code review");
        assertThat(LocatorJ._get(MessageInput.class).isEnabled()).isTrue();
    }

    @Test
    void aFollowUpCarriesTheConversationSoFarAndNewConversationForgetsIt() {
        submit("How many approvals does a pull request need?");
        submit("And who must one of them be?");

        assertThat(asked.get(1).conversation()).extracting(t -> t.speaker()).containsExactly("user", "agent");
        assertThat(asked.get(1).conversation().get(0).text()).isEqualTo("How many approvals does a pull request need?");

        LocatorJ._click(LocatorJ._get(Button.class, spec -> spec.withText("New conversation")));
        submit("A fresh question");
        assertThat(asked.get(2).conversation()).isEmpty();
        assertThat(LocatorJ._find(MessageList.class)).hasSize(1);
    }

    @Test
    void thumbsDownIsRecordedWithTheAnswerItJudges() {
        submit("How many approvals does a pull request need?");

        LocatorJ._click(LocatorJ._get(Button.class, spec -> spec.withText("👎 Not helpful")));

        assertThat(recorded).singleElement().satisfies(f -> {
            assertThat(f.helpful()).isFalse();
            assertThat(f.username()).isEqualTo("alice");
            assertThat(f.answer().citations()).extracting(Citation::pageId).containsExactly("200006");
        });
        assertThat(LocatorJ._get(Button.class, spec -> spec.withText("👍 Helpful")).isEnabled()).isFalse();
    }

    private void submit(String text) {
        MessageInput input = LocatorJ._get(MessageInput.class);
        ComponentUtil.fireEvent(input, new MessageInput.SubmitEvent(input, true, text));
        MockVaadin.clientRoundtrip(false);
    }

    private AnswerService answers() {
        return new AnswerService() {
            @Override
            public Answer answer(Question question, UserAccess access) {
                throw new UnsupportedOperationException("the view streams");
            }

            @Override
            public Flux<AnswerEvent> stream(Question question, UserAccess access) {
                asked.add(question);
                Answer answer = new Answer("Two approvals are needed [1].", true, List.of(new Citation(1,
                        List.of("200006:3:0"), "200006", 3, "ENG", "<img src=x onerror=alert(1)> Code review",
                        "Handbook › Onboarding", "Approvals",
                        "https://example.atlassian.net/wiki/spaces/ENG/pages/200006/Code+review#Approvals",
                        Instant.parse("2026-01-01T00:00:00Z"), "Every pull request needs two approvals.")),
                        AnswerMode.EXTRACTIVE);
                return Flux.just(new AnswerEvent.Token("Two approvals "), new AnswerEvent.Token("are needed [1]."),
                        new AnswerEvent.Completed(answer));
            }
        };
    }

    private FeedbackService feedback() {
        return new FeedbackService(null) {
            @Override
            public Mono<Long> record(Feedback feedback) {
                recorded.add(feedback);
                return Mono.just(1L);
            }
        };
    }
}

package io.github.confluenceassistant.chat.answer;

import io.github.confluenceassistant.chat.retrieval.Passage;
import io.github.confluenceassistant.chat.retrieval.Retrieval;
import io.github.confluenceassistant.chat.retrieval.SnippetRetriever;
import io.github.confluenceassistant.chat.retrieval.SpaceScope;
import io.github.confluenceassistant.chat.security.UserAccess;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers from the passages the user may read: makes a follow-up standalone, retrieves, and then lets the chat
 * model write a cited answer, or quotes the passages when there is no chat model. Below the relevance floor it
 * says that Confluence has nothing on the question, and cites nothing.
 */
public class GroundedAnswerService implements AnswerService {

    static final String NOT_FOUND = "I found nothing relevant to this question in Confluence.";
    static final String INDEX_EMPTY = "The index is empty: run the ingestion job to index Confluence, then ask again.";

    private final SnippetRetriever retriever;
    private final FollowUpRewriter rewriter;
    private final ExtractiveAnswerer extractive;
    private final Optional<ChatModelAnswerer> chatModel;

    GroundedAnswerService(SnippetRetriever retriever, FollowUpRewriter rewriter, ExtractiveAnswerer extractive,
                          Optional<ChatModelAnswerer> chatModel) {
        this.retriever = retriever;
        this.rewriter = rewriter;
        this.extractive = extractive;
        this.chatModel = chatModel;
    }

    @Override
    public Answer answer(Question question, UserAccess access) {
        return stream(question, access)
                .ofType(AnswerEvent.Completed.class)
                .map(AnswerEvent.Completed::answer)
                .blockLast();
    }

    /** @throws io.github.confluenceassistant.chat.security.SpaceAccessDeniedException at once, before any event */
    @Override
    public Flux<AnswerEvent> stream(Question question, UserAccess access) {
        SpaceScope scope = SpaceScope.of(access, question.spaces());
        return Mono.fromCallable(() -> rewriter.standalone(question))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(standalone -> retriever.retrieve(standalone, scope))
                .flatMapMany(retrieval -> answerFrom(question.text(), retrieval));
    }

    /** @param asked the user's own words (the retrieval's query may carry terms of earlier turns) */
    private Flux<AnswerEvent> answerFrom(String asked, Retrieval retrieval) {
        return switch (retrieval.outcome()) {
            case INDEX_EMPTY -> asEvents(unanswered(INDEX_EMPTY));
            case NOT_FOUND -> asEvents(unanswered(NOT_FOUND));
            case FOUND -> chatModel.map(model -> written(model, retrieval.query(), retrieval.passages()))
                    .orElseGet(() -> asEvents(extractive.answer(asked, retrieval.query(), retrieval.passages())));
        };
    }

    private Flux<AnswerEvent> written(ChatModelAnswerer model, String question, List<Passage> passages) {
        return Flux.defer(() -> {
            StringBuilder text = new StringBuilder();
            return model.stream(AnswerPrompt.messages(question, passages))
                    .doOnNext(text::append)
                    .<AnswerEvent>map(AnswerEvent.Token::new)
                    .concatWith(Mono.fromSupplier(() -> new AnswerEvent.Completed(checked(text.toString(), passages))));
        });
    }

    private static Answer checked(String text, List<Passage> passages) {
        CitationChecker.Checked checked = CitationChecker.check(MarkdownSafety.neutralizeHtml(text.strip()), passages);
        boolean answered = !checked.citations().isEmpty();
        return new Answer(checked.text(), answered, checked.citations(), AnswerMode.LLM);
    }

    private Answer unanswered(String text) {
        return new Answer(text, false, List.of(), mode());
    }

    private AnswerMode mode() {
        return chatModel.isPresent() ? AnswerMode.LLM : AnswerMode.EXTRACTIVE;
    }

    /** An answer made at once, streamed line by line like a written one, then completed. */
    private static Flux<AnswerEvent> asEvents(Answer answer) {
        List<AnswerEvent> events = new ArrayList<>();
        for (String line : answer.text().split("(?<=\n)")) {
            events.add(new AnswerEvent.Token(line));
        }
        events.add(new AnswerEvent.Completed(answer));
        return Flux.fromIterable(events);
    }
}

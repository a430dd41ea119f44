package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.chat.security.SpaceAccessDeniedException;
import io.github.confluenceassistant.chat.security.UserAccess;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpaceScopeTest {

    private final UserAccess engineer = new UserAccess("alice", Set.of("ENG", "OPS"), false);

    @Test
    void withoutRequestedSpacesAUserSearchesEverySpaceTheyMayRead() {
        assertThat(SpaceScope.of(engineer, List.of())).isEqualTo(SpaceScope.only(Set.of("ENG", "OPS")));
        assertThat(SpaceScope.of(new UserAccess("demo", Set.of("*"), true), List.of()).allSpaces()).isTrue();
    }

    @Test
    void requestedSpacesNarrowTheSearch() {
        assertThat(SpaceScope.of(engineer, List.of("OPS"))).isEqualTo(SpaceScope.only(Set.of("OPS")));
    }

    @Test
    void askingForASpaceTheUserMayNotReadIsRefused() {
        assertThatThrownBy(() -> SpaceScope.of(engineer, List.of("ENG", "HR")))
                .isInstanceOf(SpaceAccessDeniedException.class)
                .hasMessageContaining("'HR'");
    }

    @Test
    void aUserWithoutSpacesFindsNothing() {
        assertThat(SpaceScope.of(new UserAccess("nobody", Set.of(), false), List.of()).isEmpty()).isTrue();
    }
}

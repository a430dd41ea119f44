package io.github.confluenceassistant.chat.chat;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.github.confluenceassistant.chat.security.CurrentUser;
import io.github.confluenceassistant.chat.security.UserAccess;
import jakarta.annotation.security.PermitAll;

/** The app's frame (for every signed-in user; the dashboard view itself is for admins only): a title bar with the signed-in user and sign-out, a drawer with Chat and (for admins) Dashboard. */
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(CurrentUser currentUser, AuthenticationContext authentication) {
        UserAccess user = currentUser.get();
        H1 title = new H1("Confluence assistant");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        Span who = new Span(user.username());
        Button signOut = new Button("Sign out", click -> authentication.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout bar = new HorizontalLayout(new DrawerToggle(), title, who, signOut);
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.expand(title);
        bar.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(bar);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Chat", ChatView.class));
        if (user.admin()) {
            nav.addItem(new SideNavItem("Dashboard", "dashboard"));
        }
        addToDrawer(nav);
        setPrimarySection(Section.NAVBAR);
        setDrawerOpened(false);
    }
}

package io.github.confluenceassistant.chat.answer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownSafetyTest {

    @Test
    void rawHtmlFromTheModelIsShownAsText() {
        assertThat(MarkdownSafety.neutralizeHtml("See <img src=x onerror=alert(1)> and \\<script> [1]"))
                .isEqualTo("See &lt;img src=x onerror=alert(1)> and \\&lt;script> [1]");
    }

    @Test
    void codeIsLeftAsWritten() {
        String markdown = "Run `kubectl get pods -l app=<name>`:\n```bash\necho <x>\n```\nthen <b>done</b>";

        assertThat(MarkdownSafety.neutralizeHtml(markdown))
                .isEqualTo("Run `kubectl get pods -l app=<name>`:\n```bash\necho <x>\n```\nthen &lt;b>done&lt;/b>");
    }
}

package io.github.confluenceassistant.batch.confluence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Hash of everything in a source row that ends up in the snippets: a page whose version and hash are unchanged
 * is not re-embedded. Includes the breadcrumb and URL, which change without a new page version when a parent
 * is renamed or moved.
 */
final class ContentHash {

    private ContentHash() {
    }

    static String of(ConfluencePage page) {
        MessageDigest digest = sha256();
        for (String part : new String[]{page.spaceKey(), page.contentType(), page.breadcrumb(), page.url(),
                Objects.requireNonNullElse(page.storageBody(), "")}) {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

package io.github.confluenceassistant.chat.api;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.HttpStatus;

/** Every error of the JSON API, e.g. {@code {"status":403,"error":"Forbidden","message":"..."}}; never a stack trace. */
public record ApiError(int status, String error, String message) {

    static ApiError of(HttpStatusCode status, String message) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return new ApiError(status.value(), known == null ? "Error" : known.getReasonPhrase(), message);
    }
}

package io.github.confluenceassistant.chat.api;

import io.github.confluenceassistant.chat.answer.ChatModelUnavailableException;
import io.github.confluenceassistant.chat.retrieval.EmbeddingModelMismatchException;
import io.github.confluenceassistant.chat.security.SpaceAccessDeniedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.stream.Collectors;

/**
 * Turns every failure of an API call, including the security filters' 401 and 403, into {@link ApiError} JSON.
 * Messages are written for the caller; internal details stay in the log.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ApiError> unauthenticated(AuthenticationException e) {
        return error(HttpStatus.UNAUTHORIZED, "Sign in: send the username and password with HTTP basic authentication");
    }

    @ExceptionHandler(SpaceAccessDeniedException.class)
    ResponseEntity<ApiError> spaceDenied(SpaceAccessDeniedException e) {
        return error(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e) {
        return error(HttpStatus.FORBIDDEN, "You may not use this endpoint");
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalid(MethodArgumentNotValidException e) {
        String problems = e.getBindingResult().getFieldErrors().stream()
                .map(FieldError::getField)
                .distinct()
                .map(field -> field + " " + e.getBindingResult().getFieldError(field).getDefaultMessage())
                .collect(Collectors.joining("; "));
        return error(HttpStatus.BAD_REQUEST, problems.isEmpty() ? "Invalid request" : problems);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "The body must be JSON like {\"question\": \"...\"}");
    }

    @ExceptionHandler(ChatModelUnavailableException.class)
    ResponseEntity<ApiError> chatModelDown(ChatModelUnavailableException e) {
        log.error(e.getMessage(), e);
        return error(HttpStatus.SERVICE_UNAVAILABLE, "The chat model is not answering; try again later");
    }

    @ExceptionHandler(EmbeddingModelMismatchException.class)
    ResponseEntity<ApiError> misconfigured(EmbeddingModelMismatchException e) {
        log.error(e.getMessage());
        return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        if (e instanceof ErrorResponse known) { // Spring MVC's own: unreadable body, wrong method, unknown path
            HttpStatusCode status = known.getStatusCode();
            String detail = known.getBody().getDetail();
            return error(status, detail == null ? "Request failed" : detail);
        }
        log.error("API request failed", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "The request failed on the server; the log has the details");
    }

    static ResponseEntity<ApiError> error(HttpStatusCode status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(ApiError.of(status, message));
    }
}

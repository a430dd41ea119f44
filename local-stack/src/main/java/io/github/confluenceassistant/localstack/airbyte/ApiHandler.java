package io.github.confluenceassistant.localstack.airbyte;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * What both API flavours share: injected server errors and delays, bad requests, JSON out. Subclasses route a
 * request to an answer and say how their flavour spells an error.
 */
abstract class ApiHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

    protected final JsonMapper json = JsonMapper.shared();
    private final FaultInjection faults;

    ApiHandler(FaultInjection faults) {
        this.faults = faults;
    }

    protected abstract ApiResponse route(ApiRequest request);

    protected abstract ApiResponse serverError(String message);

    protected abstract ApiResponse badRequest(String message);

    @Override
    public final void handle(HttpExchange exchange) {
        try (exchange) {
            ApiResponse response = answer(exchange);
            // The work is done before the delay: a client that times out may still have started a job.
            if (sleep(faults.responseDelay())) {
                send(exchange, response);
            }
        }
    }

    private ApiResponse answer(HttpExchange exchange) {
        try {
            ApiRequest request = ApiRequest.read(exchange);
            if (faults.takeServerError()) {
                log.info("Airbyte stand-in answers {} {} with an injected 500", request.method(), request.path());
                return serverError("Injected server error");
            }
            return route(request);
        } catch (ApiRequest.BadRequestException e) {
            return badRequest(e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Airbyte stand-in failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            return serverError(e.toString());
        }
    }

    private static boolean sleep(Duration delay) {
        if (delay.isZero()) {
            return true;
        }
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void send(HttpExchange exchange, ApiResponse response) {
        try {
            byte[] body = json.writeValueAsBytes(response.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // The client gave up (a timeout, often on purpose in tests): nothing to answer.
            log.debug("Airbyte stand-in could not send its answer to {}", exchange.getRequestURI(), e);
        }
    }
}

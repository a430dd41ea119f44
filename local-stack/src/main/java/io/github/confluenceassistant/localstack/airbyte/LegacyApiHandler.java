package io.github.confluenceassistant.localstack.airbyte;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Airbyte's legacy configuration API ({@code /api/v1}): every call a POST with a JSON body, jobs as
 * {@code JobInfoRead} with epoch-second times, errors as {@code {"message", "exceptionClassName", ...}}.
 * Authenticates with basic auth when configured (docker-compose installs), otherwise with the public API's
 * Bearer tokens ({@code abctl} installs).
 */
final class LegacyApiHandler extends ApiHandler {

    private static final String ERRORS_PACKAGE = "io.airbyte.commons.server.errors.";
    private static final int DEFAULT_PAGE_SIZE = 200;

    private final AccessTokens tokens;
    private final SyncJobs jobs;
    private final String connectionId;
    /** {@code user:password} base64-encoded, or null when the API takes Bearer tokens instead. */
    private final String basicCredentials;

    LegacyApiHandler(FaultInjection faults, AccessTokens tokens, SyncJobs jobs, String connectionId,
                     String basicUser, String basicPassword) {
        super(faults);
        this.tokens = tokens;
        this.jobs = jobs;
        this.connectionId = connectionId;
        this.basicCredentials = basicUser == null ? null : Base64.getEncoder()
                .encodeToString((basicUser + ":" + basicPassword).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected ApiResponse route(ApiRequest request) {
        if (request.is("GET", "/health")) {
            return ApiResponse.ok(json.createObjectNode().put("available", true));
        }
        if (!authenticated(request)) {
            ApiResponse unauthorized = error(401, "Unauthorized", "UnauthorizedException");
            return basicCredentials == null ? unauthorized
                    : unauthorized.withHeader("WWW-Authenticate", "Basic realm=\"airbyte\"");
        }
        if (!request.method().equals("POST")) {
            return error(405, "The configuration API takes POST requests: " + request.path(), "MethodNotAllowed");
        }
        JsonNode body = request.json(json);
        return switch (request.path()) {
            case "/connections/sync" -> sync(body);
            case "/jobs/get" -> withJob(body, job -> ApiResponse.ok(jobInfo(job)));
            case "/jobs/cancel" -> withJob(body, job -> ApiResponse.ok(jobInfo(jobs.cancel(job.jobId())
                    .orElse(job))));
            case "/jobs/list" -> list(body);
            default -> error(404, "Not found: " + request.path(), "NotFoundException");
        };
    }

    private boolean authenticated(ApiRequest request) {
        if (basicCredentials != null) {
            return basicCredentials.equals(request.credentials("Basic"));
        }
        return tokens.isValid(request.credentials("Bearer"));
    }

    private ApiResponse sync(JsonNode body) {
        String requested = body.path("connectionId").asString("");
        if (!requested.equals(connectionId)) {
            return error(404, "Could not find configuration for STANDARD_SYNC: " + requested + ".",
                    "IdNotFoundKnownException");
        }
        try {
            return ApiResponse.ok(jobInfo(jobs.start()));
        } catch (SyncAlreadyRunningException e) {
            return error(409, e.getMessage(), "ValueConflictKnownException");
        }
    }

    private ApiResponse withJob(JsonNode body, Function<SyncJob, ApiResponse> answer) {
        JsonNode id = body.path("id");
        if (!id.canConvertToLong()) {
            return badRequest("The job id is required: {\"id\": 123}");
        }
        Optional<SyncJob> job = jobs.get(id.asLong());
        return job.map(answer).orElseGet(() -> error(404, "Could not find job with id: " + id.asLong(),
                "IdNotFoundKnownException"));
    }

    /** Newest first, filtered by {@code configId}, {@code configTypes} and {@code statuses}. */
    private ApiResponse list(JsonNode body) {
        String configId = body.path("configId").asString(connectionId);
        Set<String> configTypes = texts(body.path("configTypes"));
        Set<String> statuses = texts(body.path("statuses"));
        int pageSize = body.path("pagination").path("pageSize").asInt(DEFAULT_PAGE_SIZE);
        int rowOffset = body.path("pagination").path("rowOffset").asInt(0);
        List<SyncJob> matching = jobs.all().stream()
                .filter(job -> job.connectionId().equals(configId))
                .filter(job -> configTypes.isEmpty() || configTypes.contains("sync"))
                .filter(job -> statuses.isEmpty() || statuses.contains(job.status().apiValue()))
                .sorted(Comparator.comparing(SyncJob::createdAt).thenComparingLong(SyncJob::jobId).reversed())
                .toList();
        ObjectNode answer = json.createObjectNode();
        ArrayNode page = answer.putArray("jobs");
        matching.stream().skip(rowOffset).limit(pageSize).forEach(job -> page.add(jobInfo(job)));
        answer.put("totalJobCount", matching.size());
        return ApiResponse.ok(answer);
    }

    /** {@code JobInfoRead} (and {@code JobWithAttemptsRead}): the job and its attempts, which we do not model. */
    private ObjectNode jobInfo(SyncJob job) {
        ObjectNode info = json.createObjectNode();
        ObjectNode read = info.putObject("job");
        read.put("id", job.jobId());
        read.put("configType", "sync");
        read.put("configId", job.connectionId());
        read.put("status", job.status().apiValue());
        read.put("createdAt", job.createdAt().getEpochSecond());
        read.put("startedAt", job.createdAt().getEpochSecond());
        read.put("updatedAt", job.updatedAt().getEpochSecond());
        ObjectNode stats = read.putObject("aggregatedStats");
        stats.put("recordsEmitted", job.rowsSynced());
        stats.put("bytesEmitted", job.bytesSynced());
        stats.put("recordsCommitted", job.rowsSynced());
        stats.put("bytesCommitted", job.bytesSynced());
        info.putArray("attempts");
        return info;
    }

    @Override
    protected ApiResponse serverError(String message) {
        return error(500, "Internal Server Error: " + message, "RuntimeException");
    }

    @Override
    protected ApiResponse badRequest(String message) {
        return error(400, message, "BadRequestException");
    }

    private ApiResponse error(int status, String message, String exceptionClass) {
        ObjectNode body = json.createObjectNode();
        body.put("message", message);
        body.put("exceptionClassName", ERRORS_PACKAGE + exceptionClass);
        body.putArray("exceptionStack");
        return ApiResponse.of(status, body);
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}

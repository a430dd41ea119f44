package io.github.confluenceassistant.localstack.airbyte;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Airbyte's public API ({@code /api/public/v1}): application tokens and sync jobs, with the job objects and
 * problem bodies of spec section 1 ({@code JobsController}, {@code JobResponseMapper}, {@code api-problems.yaml}).
 */
final class PublicApiHandler extends ApiHandler {

    private static final String PROBLEM_TYPES = "https://reference.airbyte.com/reference/errors#";
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;

    private final AccessTokens tokens;
    private final SyncJobs jobs;
    private final String connectionId;

    PublicApiHandler(FaultInjection faults, AccessTokens tokens, SyncJobs jobs, String connectionId) {
        super(faults);
        this.tokens = tokens;
        this.jobs = jobs;
        this.connectionId = connectionId;
    }

    @Override
    protected ApiResponse route(ApiRequest request) {
        if (request.is("GET", "/health")) {
            return ApiResponse.ok(json.createObjectNode().put("available", true));
        }
        if (request.is("POST", "/applications/token")) {
            return token(request);
        }
        if (!tokens.isValid(request.credentials("Bearer"))) {
            return problem(401, "unauthorized", "A valid Bearer token is required: POST /applications/token");
        }
        List<String> segments = request.segments();
        if (segments.size() == 1 && segments.getFirst().equals("jobs")) {
            return switch (request.method()) {
                case "POST" -> startJob(request);
                case "GET" -> listJobs(request);
                default -> problem(405, "method-not-allowed", request.method() + " is not allowed on /jobs");
            };
        }
        if (segments.size() == 2 && segments.getFirst().equals("jobs")) {
            long jobId = jobId(segments.get(1));
            return switch (request.method()) {
                case "GET" -> jobs.get(jobId).map(job -> ApiResponse.ok(jobJson(job)))
                        .orElseGet(() -> notFound("job", Long.toString(jobId)));
                case "DELETE" -> jobs.cancel(jobId).map(job -> ApiResponse.ok(jobJson(job)))
                        .orElseGet(() -> notFound("job", Long.toString(jobId)));
                default -> problem(405, "method-not-allowed", request.method() + " is not allowed on /jobs/{id}");
            };
        }
        return problem(404, "resource-not-found", "No such endpoint: " + request.method() + " " + request.path());
    }

    private ApiResponse token(ApiRequest request) {
        JsonNode body = request.json(json);
        String token = tokens.issue(body.path("client_id").asString(""), body.path("client_secret").asString(""))
                .orElse(null);
        if (token == null) {
            return problem(401, "unauthorized", "Unknown client_id or wrong client_secret");
        }
        ObjectNode answer = json.createObjectNode();
        answer.put("access_token", token);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", tokens.lifetimeSeconds());
        return ApiResponse.ok(answer);
    }

    private ApiResponse startJob(ApiRequest request) {
        JsonNode body = request.json(json);
        String requested = body.path("connectionId").asString("");
        String jobType = body.path("jobType").asString("sync");
        if (requested.isEmpty()) {
            return badRequest("connectionId is required");
        }
        if (!jobType.equals("sync")) {
            return badRequest("The stand-in runs sync jobs only, not " + jobType);
        }
        if (!requested.equals(connectionId)) {
            return notFound("connection", requested);
        }
        try {
            return ApiResponse.ok(jobJson(jobs.start()));
        } catch (SyncAlreadyRunningException e) {
            ObjectNode problem = problemBody(409, "try-again-later",
                    "The request could not be fulfilled at this time. Try again later.");
            problem.putObject("data").put("message", e.getMessage());
            return ApiResponse.of(409, problem);
        }
    }

    private ApiResponse listJobs(ApiRequest request) {
        Map<String, String> query = request.query();
        int limit = intParameter(query, "limit", DEFAULT_LIMIT);
        int offset = intParameter(query, "offset", 0);
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            return badRequest("limit must be 1 to " + MAX_LIMIT + " and offset 0 or more");
        }
        List<SyncJob> matching = jobs.all().stream()
                .filter(filters(query))
                .sorted(order(query.getOrDefault("orderBy", "createdAt|ASC")))
                .toList();
        ObjectNode answer = json.createObjectNode();
        ArrayNode data = answer.putArray("data");
        matching.stream().skip(offset).limit(limit).forEach(job -> data.add(jobJson(job)));
        if (offset + limit < matching.size()) {
            answer.put("next", pageUrl(request, limit, offset + limit));
        }
        if (offset > 0) {
            answer.put("previous", pageUrl(request, limit, Math.max(0, offset - limit)));
        }
        return ApiResponse.ok(answer);
    }

    private Predicate<SyncJob> filters(Map<String, String> query) {
        Predicate<SyncJob> filter = job -> true;
        String connection = query.get("connectionId");
        if (connection != null) {
            filter = filter.and(job -> job.connectionId().equals(connection));
        }
        String jobType = query.get("jobType");
        if (jobType != null) {
            filter = filter.and(job -> jobType.equals("sync"));
        }
        String status = query.get("status");
        if (status != null) {
            filter = filter.and(job -> job.status().apiValue().equalsIgnoreCase(status));
        }
        filter = filter.and(within(query, "createdAt", SyncJob::createdAt));
        return filter.and(within(query, "updatedAt", SyncJob::updatedAt));
    }

    private static Predicate<SyncJob> within(Map<String, String> query, String field,
                                             Function<SyncJob, Instant> time) {
        Instant start = instantParameter(query, field + "Start");
        Instant end = instantParameter(query, field + "End");
        return job -> (start == null || !time.apply(job).isBefore(start))
                && (end == null || !time.apply(job).isAfter(end));
    }

    /** {@code createdAt|updatedAt} and {@code ASC|DESC}; oldest first unless asked otherwise. */
    private static Comparator<SyncJob> order(String orderBy) {
        String[] parts = orderBy.split("\\|");
        Comparator<SyncJob> order = switch (parts[0]) {
            case "createdAt" -> Comparator.comparing(SyncJob::createdAt);
            case "updatedAt" -> Comparator.comparing(SyncJob::updatedAt);
            default -> throw new ApiRequest.BadRequestException("orderBy must be createdAt or updatedAt, "
                    + "then |ASC or |DESC: " + orderBy);
        };
        order = order.thenComparingLong(SyncJob::jobId);
        boolean descending = parts.length > 1 && parts[1].equalsIgnoreCase("DESC");
        return descending ? order.reversed() : order;
    }

    private static String pageUrl(ApiRequest request, int limit, int offset) {
        Map<String, String> query = new LinkedHashMap<>(request.query());
        query.put("limit", Integer.toString(limit));
        query.put("offset", Integer.toString(offset));
        return request.baseUrl() + "/jobs?" + query.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private ObjectNode jobJson(SyncJob job) {
        ObjectNode answer = json.createObjectNode();
        answer.put("jobId", job.jobId());
        answer.put("status", job.status().apiValue());
        answer.put("jobType", "sync");
        answer.put("connectionId", job.connectionId());
        answer.put("startTime", job.createdAt().truncatedTo(ChronoUnit.SECONDS).toString());
        if (job.status().isTerminal()) {
            answer.put("lastUpdatedAt", job.updatedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        answer.put("duration", Duration.ofSeconds(job.duration(Instant.now()).toSeconds()).toString());
        answer.put("bytesSynced", job.bytesSynced());
        answer.put("rowsSynced", job.rowsSynced());
        return answer;
    }

    @Override
    protected ApiResponse serverError(String message) {
        return problem(500, "internal-server-error", message);
    }

    @Override
    protected ApiResponse badRequest(String message) {
        return problem(400, "bad-request", message);
    }

    private ApiResponse notFound(String resourceType, String resourceId) {
        ObjectNode problem = problemBody(404, "resource-not-found", "The requested resource could not be found.");
        ObjectNode data = problem.putObject("data");
        data.put("resourceType", resourceType);
        data.put("resourceId", resourceId);
        return ApiResponse.of(404, problem);
    }

    private ApiResponse problem(int status, String title, String detail) {
        return ApiResponse.of(status, problemBody(status, title, detail));
    }

    /** An RFC 9457 problem as the public API spells it. */
    private ObjectNode problemBody(int status, String title, String detail) {
        ObjectNode problem = json.createObjectNode();
        problem.put("status", status);
        problem.put("title", title);
        problem.put("type", PROBLEM_TYPES + title);
        problem.put("detail", detail);
        return problem;
    }

    private static long jobId(String segment) {
        try {
            return Long.parseLong(segment);
        } catch (NumberFormatException e) {
            throw new ApiRequest.BadRequestException("A job id is a number: " + segment);
        }
    }

    private static int intParameter(Map<String, String> query, String name, int fallback) {
        String value = query.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ApiRequest.BadRequestException(name + " must be a number: " + value);
        }
    }

    private static Instant instantParameter(Map<String, String> query, String name) {
        String value = query.get(name);
        try {
            return value == null ? null : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiRequest.BadRequestException(name + " must be an ISO-8601 date-time: " + value);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

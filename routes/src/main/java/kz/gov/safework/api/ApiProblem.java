package kz.gov.safework.api;

/**
 * Every answer other than 2xx on {@code /api}: an HTTP status, a stable machine-readable code and a detail safe to
 * show the caller. Thrown anywhere in an API route; {@link ApiRouteConfiguration} writes it as one RFC 9457 problem.
 */
public class ApiProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    protected ApiProblem(int status, String code, String detail, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ApiProblem(int status, String code, String detail) {
        this(status, code, detail, 0);
    }

    /** Something that knows which problem it is (a failure of a collaborator the API depends on). */
    public interface Source {
        ApiProblem problem();
    }

    public static ApiProblem unauthenticated() {
        return new ApiProblem(401, "unauthenticated", "Credentials required");
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "forbidden", detail);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "bad_request", detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "not_found", detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "conflict", detail);
    }

    /** 429 with {@code Retry-After}: the login is locked after too many wrong passwords, whatever the password was. */
    public static ApiProblem locked(long retryAfterSeconds) {
        return new ApiProblem(429, "login_locked", "Too many wrong passwords: this login is locked for "
                + retryAfterSeconds + " s", retryAfterSeconds);
    }

    /** What the caller learns of a failure that is not one of the above: nothing but that it happened. */
    public static ApiProblem internal() {
        return new ApiProblem(500, "internal_error", "Internal error");
    }

    /** The problem a failure in an API route answers with. */
    public static ApiProblem of(Throwable failure) {
        if (failure instanceof ApiProblem problem) {
            return problem;
        }
        if (failure instanceof LoginLocked locked) {
            return locked(locked.retryAfterSeconds());
        }
        if (failure instanceof Source source) {
            return source.problem();
        }
        return internal();
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Seconds for {@code Retry-After}; 0: none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

package kz.gov.safework.observe;

/** An answer other than 2xx from the operator API, with its HTTP status and a stable error code. */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String code;

    private ApiProblem(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ApiProblem unauthenticated() {
        return new ApiProblem(401, "unauthenticated", "Operator credentials required");
    }

    public static ApiProblem forbidden(String login) {
        return new ApiProblem(403, "forbidden", "Login " + login + " is not an operator");
    }

    public static ApiProblem crossOrigin(String origin) {
        return new ApiProblem(403, "cross_origin", "Operator actions are accepted only from the console's own page, not "
                + origin);
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, "not_found", what + " not found");
    }

    public static ApiProblem badRequest(String message) {
        return new ApiProblem(400, "bad_request", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}

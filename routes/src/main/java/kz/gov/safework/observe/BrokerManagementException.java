package kz.gov.safework.observe;

import kz.gov.safework.api.ApiProblem;

/** The broker did not answer a management request, or refused it (unknown queue, no permission). */
public class BrokerManagementException extends RuntimeException implements ApiProblem.Source {
    public BrokerManagementException(String message) {
        super(message);
    }

    public BrokerManagementException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The operator API answers 503: the hub is fine, its broker did not answer or refused. */
    @Override
    public ApiProblem problem() {
        return new ApiProblem(503, "broker_unavailable", getMessage());
    }
}

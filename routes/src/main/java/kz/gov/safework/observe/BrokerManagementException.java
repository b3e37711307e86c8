package kz.gov.safework.observe;

/** The broker did not answer a management request, or refused it (unknown queue, no permission). */
public class BrokerManagementException extends RuntimeException {
    public BrokerManagementException(String message) {
        super(message);
    }

    public BrokerManagementException(String message, Throwable cause) {
        super(message, cause);
    }
}

package kz.gov.safework.store;

/** A technical failure of the store: the pipeline rolls back and the envelope is redelivered. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

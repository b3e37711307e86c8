package kz.gov.safework.store;

/**
 * The store's database or the data dir's disk is not there (connection refused or lost, a disk read-only or
 * full): nothing is wrong with the document. The pipeline waits for the store to come back instead of counting
 * the failure towards giving the document up ({@link Outages}).
 */
public class OutageException extends StoreException {
    public OutageException(String message, Throwable cause) {
        super(message, cause);
    }
}

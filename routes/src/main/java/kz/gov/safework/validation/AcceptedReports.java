package kz.gov.safework.validation;

/**
 * What the rules need to know about earlier submissions: whether a report id names a report already
 * accepted for that agency and year. The store implements it; tests pass a lambda.
 */
@FunctionalInterface
public interface AcceptedReports {

    boolean isAccepted(String reportId, String agency, int year);
}

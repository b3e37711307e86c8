package kz.gov.safework.observe;

/**
 * A route's state and counters since start (from camel-micrometer's route policy). Rates are the
 * console's job: it divides the difference of two readings by the time between them.
 */
public record RouteView(
        String routeId,
        String state,
        String from,
        long exchangesTotal,
        long exchangesFailed,
        long inflight,
        double meanSeconds,
        String lastError) {
}

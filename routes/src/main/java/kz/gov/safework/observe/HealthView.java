package kz.gov.safework.observe;

/** One Camel health check result, as the console shows it. */
public record HealthView(String id, String group, String state, boolean readiness, boolean liveness,
                         String message) {
}

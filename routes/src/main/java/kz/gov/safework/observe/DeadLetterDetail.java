package kz.gov.safework.observe;

import java.util.Map;

/** One dead letter with all its properties and the start of its body as text. */
public record DeadLetterDetail(
        DeadLetter summary,
        Map<String, Object> properties,
        String body,
        boolean bodyTruncated) {
}

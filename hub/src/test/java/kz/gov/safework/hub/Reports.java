package kz.gov.safework.hub;

import java.util.UUID;

/** Progress reports for system tests, built the way an agency's system would. */
public final class Reports {
    public static final String PLAN = "safe-labor-2021-2025";

    /** A valid JSON report of the Astana akimat on items 14 and 24 (both assigned to all akimats). */
    public static String akimatAstana(String reportId) {
        return json(reportId, "AKIMAT-ASTANA", 2023, "14", null);
    }

    public static String json(String reportId, String agency, int year, String item, String correctionOf) {
        return """
                {
                  "schema": "urn:kz:gov:safework:progress-report:v1",
                  "reportId": "%s",
                  "agency": "%s",
                  "plan": "%s",
                  "year": %d,%s
                  "contact": {"name": "Айгерим Сейтқали", "email": "otchet@astana.gov.kz"},
                  "items": [
                    {"item": "%s", "status": "IN_PROGRESS",
                     "narrativeRu": "Проведены проверки соблюдения требований охраны труда на 120 предприятиях."}
                  ]
                }
                """.formatted(reportId, agency, PLAN, year,
                correctionOf == null ? "" : "\n  \"correctionOf\": \"" + correctionOf + "\",", item);
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    private Reports() {
    }
}

package kz.gov.safework.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import kz.gov.safework.contract.Json;

/** Reading the JSON the API answers, for the tests that call it over HTTP. */
public final class JsonAnswers {
    private JsonAnswers() {
    }

    /** The body of an answer as a JSON tree. */
    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }

    /** The first element of {@code array} whose {@code field} is {@code value}; fails the test if there is none. */
    public static JsonNode element(JsonNode array, String field, String value) {
        for (JsonNode element : array) {
            if (element.path(field).asText().equals(value)) {
                return element;
            }
        }
        throw new AssertionError("no element with " + field + " " + value + " in " + array);
    }
}

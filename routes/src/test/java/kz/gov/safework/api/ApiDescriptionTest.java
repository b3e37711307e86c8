package kz.gov.safework.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import kz.gov.safework.contract.Json;
import org.junit.jupiter.api.Test;

/** What the hub adds to Camel's OpenAPI document: security, problems, the contract's own schemas, other paths. */
class ApiDescriptionTest {
    private static final String CAMEL = """
            {"openapi":"3.0.0","paths":{
              "/api/things/{id}":{"get":{"parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],
                "responses":{"200":{"description":"OK","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Receipt"}}}}}}},
              "/api/me":{"get":{"responses":{"default":{"description":"success"}}}},
              "/api/csv":{"get":{"responses":{"default":{"description":"success","content":{"text/csv":{}}}}}}},
             "components":{"schemas":{"Receipt":{"type":"object","properties":{"fromTheClass":{"type":"string"}}},
               "Signer":{"type":"object"}}}}""";
    private static final String RECEIPT = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"/schemas/receipt/receipt-v1.schema.json",
             "type":"object","required":["status"],
             "properties":{"status":{"enum":["ACCEPTED"]},"errors":{"type":"array","items":{"$ref":"#/$defs/error"}}},
             "$defs":{"error":{"type":"object","properties":{"code":{"type":"string"}}}}}""";
    private static final String OBSERVE = """
            {"/observe/health":{"get":{"security":[],"responses":{"200":{"description":"UP",
              "content":{"application/json":{"schema":{"type":"object"}}}}}}}}""";

    private static ObjectNode completed() throws Exception {
        ApiDescription description = new ApiDescription(Map.of("Receipt", Json.mapper().readTree(RECEIPT)),
                (ObjectNode) Json.mapper().readTree(OBSERVE));
        return description.complete((ObjectNode) Json.mapper().readTree(CAMEL));
    }

    @Test
    void everyApiOperationNeedsTheBasicSchemeAndAnswersProblems() throws Exception {
        ObjectNode document = completed();

        assertThat(document.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        for (String path : new String[] {"/api/things/{id}", "/api/me", "/api/csv"}) {
            JsonNode operation = document.path("paths").path(path).path("get");
            assertThat(operation.at("/security/0").has("basic")).as(path).isTrue();
            assertThat(operation.at("/responses/401/content/application~1problem+json/schema/$ref").asText()).as(path)
                    .isEqualTo("#/components/schemas/Problem");
        }
        assertThat(document.at("/paths/~1api~1things~1{id}/get/responses").has("404")).isTrue();
        assertThat(document.at("/paths/~1api~1me/get/responses").has("404")).as("no name to miss").isFalse();
        assertThat(document.at("/components/schemas/Problem/required").toString())
                .isEqualTo("[\"type\",\"title\",\"status\",\"detail\",\"code\"]");
    }

    @Test
    void anUndescribedSuccessGetsASchemaForEachMediaType() throws Exception {
        ObjectNode document = completed();

        assertThat(document.at("/paths/~1api~1me/get/responses").has("default")).isFalse();
        assertThat(document.at("/paths/~1api~1me/get/responses/200/content/application~1json/schema/type").asText())
                .isEqualTo("object");
        assertThat(document.at("/paths/~1api~1csv/get/responses/200/content/text~1csv/schema/type").asText())
                .isEqualTo("string");
    }

    @Test
    void theReceiptIsTheContractSchemaItselfWithItsDefinitionsAsComponents() throws Exception {
        ObjectNode document = completed();
        JsonNode receipt = document.at("/components/schemas/Receipt");

        assertThat(receipt.has("$schema") || receipt.has("$id") || receipt.has("$defs")).isFalse();
        assertThat(receipt.at("/properties/status/enum/0").asText()).isEqualTo("ACCEPTED");
        assertThat(receipt.at("/properties").has("fromTheClass")).isFalse();
        assertThat(receipt.at("/properties/errors/items/$ref").asText()).isEqualTo("#/components/schemas/ReceiptError");
        assertThat(receipt.at("/externalDocs/url").asText()).isEqualTo("/schemas/receipt/receipt-v1.schema.json");
        assertThat(document.at("/components/schemas/ReceiptError/properties/code/type").asText()).isEqualTo("string");
        assertThat(document.at("/components/schemas").has("Signer")).as("derived from the class, referenced by nothing")
                .isFalse();
    }

    @Test
    void otherPathsAreAddedAsTheirOwnersDescribeThemWithoutLogin() throws Exception {
        JsonNode health = completed().at("/paths/~1observe~1health/get");

        assertThat(health.path("security").isArray()).isTrue();
        assertThat(health.path("security")).isEmpty();
        assertThat(health.at("/responses").has("401")).isFalse();
    }
}

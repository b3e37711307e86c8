package kz.gov.safework.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the OpenAPI document says beyond the rest DSL, in one place: every {@code /api} operation needs the
 * {@value #SCHEME} security scheme (HTTP Basic, or a client certificate on HTTPS) and may answer a problem
 * ({@link ApiRouteConfiguration}: 401, 403, 429, 500, and 400/404 where it takes parameters); an operation whose
 * success the rest DSL left undescribed answers its media types with a generic schema; the schemas of the document
 * contract replace the ones Camel derives from their Java classes (the receipt: {@code receipt-v1.schema.json}
 * itself); and paths that are no rest-DSL route ({@code /observe}) are added as their owners describe them.
 * Operates on the JSON of an OpenAPI 3.0 document.
 */
public final class ApiDescription {
    public static final String SCHEME = "basic";
    private static final String SCHEMAS = "#/components/schemas/";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Map<String, JsonNode> contractSchemas;
    private final ObjectNode otherPaths;

    /**
     * @param contractSchemas JSON Schemas (2020-12) of the contract by the component name they stand for
     *                        ({@code Receipt}: the receipt schema), each with its {@code $defs} as components of its own
     * @param otherPaths      OpenAPI path items of the hub's paths that are no rest-DSL route, each operation with its
     *                        own {@code security} ({@code []}: no login)
     */
    public ApiDescription(Map<String, JsonNode> contractSchemas, ObjectNode otherPaths) {
        this.contractSchemas = Map.copyOf(contractSchemas);
        this.otherPaths = otherPaths.deepCopy();
    }

    /** The document completed (changed in place and returned). */
    public ObjectNode complete(ObjectNode document) {
        ObjectNode components = document.withObjectProperty("components");
        components.withObjectProperty("securitySchemes").set(SCHEME, JSON.objectNode().put("type", "http").put("scheme", "basic")
                .put("description", "A login of the hub (the same as on the broker, SFTP and mail). Over HTTPS with "
                        + "mutual TLS, a request without an Authorization header may log in with its client certificate."));
        ObjectNode schemas = components.withObjectProperty("schemas");
        schemas.set("Problem", problemSchema());
        contractSchemas.forEach((name, schema) -> embed(schemas, name, schema));

        ObjectNode paths = document.withObjectProperty("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (path.getKey().startsWith("/api/")) {
                path.getValue().fields().forEachRemaining(operation -> api((ObjectNode) operation.getValue()));
            }
        }
        otherPaths.fields().forEachRemaining(path -> paths.set(path.getKey(), path.getValue().deepCopy()));
        dropUnreferenced(document, schemas);
        return document;
    }

    private static void api(ObjectNode operation) {
        operation.set("security", JSON.arrayNode().add(JSON.objectNode().set(SCHEME, JSON.arrayNode())));
        ObjectNode responses = operation.withObjectProperty("responses");
        JsonNode fallback = responses.remove("default");
        if (!hasSuccess(responses)) {
            ObjectNode ok = JSON.objectNode().put("description", fallback != null && fallback.hasNonNull("description")
                    ? fallback.get("description").asText() : "success");
            ObjectNode content = fallback == null ? null : (ObjectNode) fallback.get("content");
            ok.set("content", content == null || content.isEmpty() ? JSON.objectNode().set("application/json",
                    media(anything("application/json"))) : generic(content));
            responses.set("200", ok);
        } else {
            responses.fields().forEachRemaining(r -> {
                if (r.getValue().get("content") instanceof ObjectNode content) {
                    ((ObjectNode) r.getValue()).set("content", generic(content));
                }
            });
        }
        boolean parameters = operation.path("parameters").size() > 0 || operation.has("requestBody");
        boolean pathParameters = false;
        for (JsonNode parameter : operation.path("parameters")) {
            pathParameters |= "path".equals(parameter.path("in").asText());
        }
        if (parameters) {
            problem(responses, "400", "The request is not one the operation takes");
        }
        problem(responses, "401", "No login, or a wrong one (the one Basic challenge of the hub)");
        problem(responses, "403", "The login may not use this operation");
        if (pathParameters) {
            problem(responses, "404", "Nothing by that name the login may see");
        }
        problem(responses, "429", "The login is locked after too many wrong passwords, or has too many requests in flight");
        problem(responses, "500", "Internal error");
    }

    private static boolean hasSuccess(ObjectNode responses) {
        for (Iterator<String> codes = responses.fieldNames(); codes.hasNext(); ) {
            if (codes.next().startsWith("2")) {
                return true;
            }
        }
        return false;
    }

    /** Every media type of a content map with a schema: the one given, or one that says what the type is. */
    private static ObjectNode generic(ObjectNode content) {
        ObjectNode completed = JSON.objectNode();
        content.fields().forEachRemaining(media -> {
            JsonNode schema = media.getValue().get("schema");
            completed.set(media.getKey(), schema != null && !schema.isEmpty() ? media.getValue()
                    : media(anything(media.getKey())));
        });
        return completed;
    }

    private static ObjectNode anything(String mediaType) {
        if (mediaType.endsWith("json")) {
            return JSON.objectNode().put("type", "object").put("description", "a JSON object (see the operation)");
        } else if (mediaType.startsWith("text/")) {
            return JSON.objectNode().put("type", "string");
        }
        return JSON.objectNode().put("type", "string").put("format", "binary");
    }

    private static ObjectNode media(JsonNode schema) {
        return JSON.objectNode().set("schema", schema);
    }

    private static void problem(ObjectNode responses, String status, String description) {
        if (!responses.has(status)) {
            ObjectNode response = JSON.objectNode().put("description", description);
            response.withObjectProperty("content").set(ApiRouteConfiguration.PROBLEM_JSON,
                    media(JSON.objectNode().put("$ref", SCHEMAS + "Problem")));
            responses.set(status, response);
        }
    }

    /** The one problem shape of {@link ApiRouteConfiguration#body}. */
    private static ObjectNode problemSchema() {
        ObjectNode schema = JSON.objectNode().put("type", "object")
                .put("description", "RFC 9457 problem details; code is stable and machine-readable");
        schema.putArray("required").add("type").add("title").add("status").add("detail").add("code");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("type").put("type", "string");
        properties.putObject("title").put("type", "string");
        properties.putObject("status").put("type", "integer");
        properties.putObject("detail").put("type", "string");
        properties.putObject("code").put("type", "string");
        return schema;
    }

    /**
     * A contract JSON Schema as components: {@code $schema} and {@code $id} go (the component is named instead; the
     * file stays served at its {@code $id}), each {@code $defs} member becomes component {@code <name><Member>}, and
     * the references follow.
     */
    static void embed(ObjectNode schemas, String name, JsonNode contractSchema) {
        ObjectNode schema = contractSchema.deepCopy();
        String id = schema.path("$id").asText(null);
        schema.remove("$schema");
        schema.remove("$id");
        JsonNode defs = schema.remove("$defs");
        if (id != null) {
            schema.set("externalDocs", JSON.objectNode().put("description", "the JSON Schema itself").put("url", id));
        }
        schemas.set(name, rewrite(schema, name));
        if (defs != null) {
            defs.fields().forEachRemaining(def -> schemas.set(name + capitalized(def.getKey()), rewrite(def.getValue(), name)));
        }
    }

    private static JsonNode rewrite(JsonNode node, String name) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JSON.objectNode();
            object.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref") && field.getValue().asText().startsWith("#/$defs/")) {
                    String def = field.getValue().asText().substring("#/$defs/".length());
                    copy.put("$ref", SCHEMAS + name + capitalized(def));
                } else {
                    copy.set(field.getKey(), rewrite(field.getValue(), name));
                }
            });
            return copy;
        } else if (node instanceof ArrayNode array) {
            ArrayNode copy = JSON.arrayNode();
            array.forEach(element -> copy.add(rewrite(element, name)));
            return copy;
        }
        return node.deepCopy();
    }

    private static String capitalized(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** Component schemas no reference reaches (those Camel derived from the classes inside a replaced one). */
    private static void dropUnreferenced(ObjectNode document, ObjectNode schemas) {
        Set<String> reached = new HashSet<>();
        List<JsonNode> todo = new ArrayList<>();
        document.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("components")) {
                todo.add(field.getValue());
            }
        });
        while (!todo.isEmpty()) {
            JsonNode node = todo.remove(todo.size() - 1);
            if (node.isObject()) {
                JsonNode ref = node.get("$ref");
                if (ref != null && ref.asText().startsWith(SCHEMAS)) {
                    String target = ref.asText().substring(SCHEMAS.length());
                    if (reached.add(target) && schemas.has(target)) {
                        todo.add(schemas.get(target));
                    }
                }
            }
            node.forEach(todo::add);
        }
        schemas.retain(reached);
    }
}

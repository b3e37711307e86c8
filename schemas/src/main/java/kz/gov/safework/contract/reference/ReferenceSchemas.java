package kz.gov.safework.contract.reference;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The JSON Schemas (2020-12) of the reference data files, compiled once per JVM. */
final class ReferenceSchemas {
    static final String AGENCIES = "/schemas/reference/agencies.schema.json";
    static final String PLAN = "/schemas/reference/plan.schema.json";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Schema AGENCIES_SCHEMA = compile(AGENCIES);
    private static final Schema PLAN_SCHEMA = compile(PLAN);

    static List<Error> validateAgencies(JsonNode tree) {
        return AGENCIES_SCHEMA.validate(tree);
    }

    static List<Error> validatePlan(JsonNode tree) {
        return PLAN_SCHEMA.validate(tree);
    }

    private static Schema compile(String resource) {
        try (InputStream in = ReferenceSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema missing from the classpath: " + resource);
            }
            Schema schema = REGISTRY.getSchema(in);
            schema.initializeValidators();
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + resource, e);
        }
    }

    private ReferenceSchemas() {
    }
}

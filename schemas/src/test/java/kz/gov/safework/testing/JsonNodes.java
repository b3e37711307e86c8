package kz.gov.safework.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * What tests read off a JSON tree: the member names of an object (a schema's properties, a problem's or receipt's
 * members) and the texts of an array. In the schemas test-jar so that every module's tests read them one way.
 */
public final class JsonNodes {
    private JsonNodes() {
    }

    /** The object's member names in document order; none for anything but an object. */
    public static List<String> fieldNames(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    /** The array's elements as text, in order; none for anything but an array or object. */
    public static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}

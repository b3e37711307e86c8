package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;

/** Reading the hub's receipts from an agency's receipt queue, as the agency's system does. */
final class Receipts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Receipts() {
    }

    /**
     * The receipt message on {@code queue} that answers the message {@code messageId} (its JMSCorrelationID); fails the
     * test when none comes within {@code waitMillis}.
     */
    static Message message(AgencyClient client, String queue, String messageId, long waitMillis) throws Exception {
        Message m = client.receive(queue, "JMSCorrelationID = '" + messageId + "'", waitMillis);
        assertThat(m).as("receipt for " + messageId + " on " + queue).isNotNull();
        return m;
    }

    /** {@link #message}'s receipt, read as JSON. */
    static JsonNode receipt(AgencyClient client, String queue, String messageId, long waitMillis) throws Exception {
        return JSON.readTree(AgencyClient.text(message(client, queue, messageId, waitMillis)));
    }
}

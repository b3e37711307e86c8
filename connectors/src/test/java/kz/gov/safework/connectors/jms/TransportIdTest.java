package kz.gov.safework.connectors.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.client.impl.ClientMessageImpl;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.junit.jupiter.api.Test;

/** A queue message's transport id, from which its submission id is derived. */
class TransportIdTest {

    @Test
    void aBrokerMessageIdRepeatedByANewJournalIsAnotherTransportId() throws Exception {
        // STOMP: no id of the sender's; the broker's message id starts again with a new journal (new node id).
        String before = JmsEnvelopeProcessor.transportId(stomp(42, "node-a"));
        String after = JmsEnvelopeProcessor.transportId(stomp(42, "node-b"));

        assertThat(before).isNotEqualTo(after).contains("node-a").contains("42");
    }

    @Test
    void theSameStoredMessageKeepsItsTransportId() throws Exception {
        assertThat(JmsEnvelopeProcessor.transportId(stomp(42, "node-a")))
                .isEqualTo(JmsEnvelopeProcessor.transportId(stomp(42, "node-a")));
    }

    private static ActiveMQMessage stomp(long brokerMessageId, String node) {
        ClientMessageImpl core = new ClientMessageImpl(Message.TEXT_TYPE, true, 0, 0, (byte) 4, 1024);
        core.setMessageID(brokerMessageId);
        core.putExtraBytesProperty(SimpleString.of(SenderStampPlugin.NODE), node.getBytes(StandardCharsets.UTF_8));
        return ActiveMQMessage.createMessage(core, null);
    }
}

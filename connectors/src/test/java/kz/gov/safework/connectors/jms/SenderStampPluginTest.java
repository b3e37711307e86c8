package kz.gov.safework.connectors.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.message.impl.CoreMessage;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.junit.jupiter.api.Test;

/**
 * The stamp itself. For an agency the broker's put overwrites whatever the sender wrote (ForgedSenderStampIT
 * shows that over CORE, AMQP and STOMP against the packaged hub); the {@code removeProperty} matters where
 * no stamp is put: the hub's own login must not pass on a stamp someone else wrote.
 */
class SenderStampPluginTest {
    private final SenderStampPlugin plugin = new SenderStampPlugin("hub");

    private static ServerSession sessionOf(String user) {
        return (ServerSession) Proxy.newProxyInstance(ServerSession.class.getClassLoader(), new Class<?>[] {ServerSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getValidatedUser", "getUsername" -> user;
                    default -> null;
                });
    }

    private static Message forged() {
        Message m = new CoreMessage().initBuffer(64);
        m.putStringProperty(Message.HDR_ORIGINAL_ADDRESS, SimpleString.of("mtszn.feed"));
        m.putStringProperty(Message.HDR_ORIGINAL_QUEUE, SimpleString.of("mtszn.feed"));
        m.putStringProperty(SimpleString.of(SenderStampPlugin.SENDER), SimpleString.of("mz"));
        return m;
    }

    @Test
    void stampsTheAuthenticatedSenderAndDropsAForgedOriginalAddress() throws Exception {
        Message m = forged();
        plugin.beforeSend(sessionOf("akimat-astana"), null, m, false, false);

        assertThat(m.getObjectProperty(Message.HDR_ORIGINAL_ADDRESS)).isNull();
        assertThat(m.getObjectProperty(Message.HDR_ORIGINAL_QUEUE)).isNull();
        assertThat(new String(m.getExtraBytesProperty(SimpleString.of(SenderStampPlugin.SENDER)))).isEqualTo("akimat-astana");
    }

    @Test
    void leavesTheHubsOwnMessagesAlone() throws Exception {
        Message m = forged();
        plugin.beforeSend(sessionOf("hub"), null, m, false, false);

        assertThat(m.getStringProperty(Message.HDR_ORIGINAL_ADDRESS)).isEqualTo("mtszn.feed");
    }

    private static CoreMessage forgedBytesStamp() {
        CoreMessage message = new CoreMessage(1L, 64);
        message.putBytesProperty(SenderStampPlugin.SENDER, "mz".getBytes(StandardCharsets.UTF_8));
        return message;
    }

    @Test
    void anAgencysMessageCarriesTheLoginTheBrokerAuthenticated() throws Exception {
        CoreMessage message = forgedBytesStamp();
        plugin.beforeSend(sessionOf("akimat-astana"), null, message, false, false);
        assertThat(new String(message.getBytesProperty(SenderStampPlugin.SENDER), StandardCharsets.UTF_8))
                .isEqualTo("akimat-astana");
    }

    @Test
    void aForgedStampOnTheHubsOwnMessageIsRemovedNotPassedOn() throws Exception {
        CoreMessage message = forgedBytesStamp();
        plugin.beforeSend(sessionOf("hub"), null, message, false, false);
        assertThat(message.containsProperty(SenderStampPlugin.SENDER)).isFalse();
    }
}

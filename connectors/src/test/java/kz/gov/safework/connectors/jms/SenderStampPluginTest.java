package kz.gov.safework.connectors.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.message.impl.CoreMessage;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.junit.jupiter.api.Test;

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
}

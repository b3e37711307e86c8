package kz.gov.safework.connectors.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.apache.activemq.artemis.core.message.impl.CoreMessage;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.junit.jupiter.api.Test;

/**
 * The stamp itself. For an agency the broker's put overwrites whatever the sender wrote (ForgedSenderStampIT
 * shows that over CORE, AMQP and STOMP against the packaged hub); the {@code removeProperty} matters where
 * no stamp is put: the hub's own login must not pass on a stamp someone else wrote.
 */
class SenderStampPluginTest {
    private static final String HUB = "hub";

    private static ServerSession sessionOf(String user) {
        return (ServerSession) Proxy.newProxyInstance(SenderStampPluginTest.class.getClassLoader(),
                new Class<?>[] {ServerSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getValidatedUser", "getUsername" -> user;
                    default -> null;
                });
    }

    private static CoreMessage forged() {
        CoreMessage message = new CoreMessage(1L, 64);
        message.putBytesProperty(SenderStampPlugin.SENDER, "mz".getBytes(StandardCharsets.UTF_8));
        return message;
    }

    @Test
    void anAgencysMessageCarriesTheLoginTheBrokerAuthenticated() throws Exception {
        CoreMessage message = forged();
        new SenderStampPlugin(HUB).beforeSend(sessionOf("akimat-astana"), null, message, false, false);
        assertThat(new String(message.getBytesProperty(SenderStampPlugin.SENDER), StandardCharsets.UTF_8))
                .isEqualTo("akimat-astana");
    }

    @Test
    void aForgedStampOnTheHubsOwnMessageIsRemovedNotPassedOn() throws Exception {
        CoreMessage message = forged();
        new SenderStampPlugin(HUB).beforeSend(sessionOf(HUB), null, message, false, false);
        assertThat(message.containsProperty(SenderStampPlugin.SENDER)).isFalse();
    }
}

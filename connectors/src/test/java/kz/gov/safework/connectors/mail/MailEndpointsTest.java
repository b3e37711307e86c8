package kz.gov.safework.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials reach camel-mail unchanged, whatever characters they hold. */
class MailEndpointsTest {

    @Test
    void passwordWithUriSyntaxCharactersReachesTheMailEndpointUnchanged() throws Exception {
        String password = "p&ss=w)rd(+%20 ?#";
        Properties props = new Properties();
        props.setProperty("hub.mail.imap.enabled", "true");
        props.setProperty("hub.mail.imap.host", "mail.example.org");
        props.setProperty("hub.mail.imap.user", "reports@example.org");
        props.setProperty("hub.mail.imap.password", password);
        props.setProperty("hub.mail.smtp.user", "reports@example.org");
        props.setProperty("hub.mail.smtp.password", password);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setInitialProperties(props);
            camel.getRegistry().bind(MailEndpoints.POLL_STRATEGY_BEAN, MailBeans.imapPoll(java.time.Clock.systemUTC()));
            MailEndpoints endpoints = new MailEndpoints(MailSettings.load(camel));

            MailEndpoint imap = camel.getEndpoint(endpoints.imapIntake(), MailEndpoint.class);
            MailEndpoint smtp = camel.getEndpoint(endpoints.smtpReplies(), MailEndpoint.class);

            assertThat(imap.getConfiguration().getPassword()).isEqualTo(password);
            assertThat(imap.getConfiguration().getProtocol()).isEqualTo("imaps");
            assertThat(imap.getConfiguration().getMoveTo()).isEqualTo("Processed");
            assertThat(smtp.getConfiguration().getPassword()).isEqualTo(password);
            assertThat(imap.getEndpointUri()).doesNotContain(password);
        }
    }

    @Test
    void imapsAndSmtpsCheckTheServerAgainstTheHubsTruststoreWhenOneIsConfigured(@TempDir Path config) throws Exception {
        Files.write(config.resolve("truststore.p12"), new byte[] {1});
        Properties props = new Properties();
        props.setProperty("hub.config-dir", config.toString());
        props.setProperty("hub.mail.imap.enabled", "true");
        props.setProperty("hub.mail.imap.host", "mail.example.org");
        props.setProperty("hub.mail.imap.user", "reports@example.org");
        props.setProperty("hub.tls.truststore", "truststore.p12");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setInitialProperties(props);
            camel.getRegistry().bind(MailEndpoints.POLL_STRATEGY_BEAN, MailBeans.imapPoll(java.time.Clock.systemUTC()));
            SSLContextParameters trust = new SSLContextParameters();
            camel.getRegistry().bind(MailEndpoints.TLS_BEAN, trust);
            MailEndpoints endpoints = new MailEndpoints(MailSettings.load(camel));

            MailEndpoint imap = camel.getEndpoint(endpoints.imapIntake(), MailEndpoint.class);
            MailEndpoint smtp = camel.getEndpoint(endpoints.smtpReplies(), MailEndpoint.class);

            assertThat(imap.getConfiguration().getProtocol()).isEqualTo("imaps");
            assertThat(smtp.getConfiguration().getProtocol()).isEqualTo("smtps");
            assertThat(imap.getConfiguration().getSslContextParameters()).isSameAs(trust);
            assertThat(smtp.getConfiguration().getSslContextParameters()).isSameAs(trust);
        }
    }

    @Test
    void aRealMailboxIsReadWithTheNewKeyOrTheEarlierOneAndNotByDefault() throws Exception {
        for (var setting : java.util.Map.of("hub.mail.imap.enabled", true, "hub.mail.enabled", true, "", false)
                .entrySet()) {
            Properties props = new Properties();
            if (!setting.getKey().isEmpty()) {
                props.setProperty(setting.getKey(), "true");
            }
            props.setProperty("hub.mail.imap.host", "mail.example.org");
            try (DefaultCamelContext camel = new DefaultCamelContext()) {
                camel.getPropertiesComponent().setInitialProperties(props);
                assertThat(MailSettings.load(camel).enabled()).as(setting.getKey()).isEqualTo(setting.getValue());
            }
        }
    }

    @Test
    void withoutATruststoreTheJvmsCasAreUsed() throws Exception {
        Properties props = new Properties();
        props.setProperty("hub.mail.imap.enabled", "true");
        props.setProperty("hub.mail.imap.host", "mail.example.org");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setInitialProperties(props);
            camel.getRegistry().bind(MailEndpoints.POLL_STRATEGY_BEAN, MailBeans.imapPoll(java.time.Clock.systemUTC()));
            MailEndpoints endpoints = new MailEndpoints(MailSettings.load(camel));
            assertThat(endpoints.imapIntake()).doesNotContain("sslContextParameters");
            assertThat(endpoints.smtpReplies()).doesNotContain("sslContextParameters");
        }
    }
}

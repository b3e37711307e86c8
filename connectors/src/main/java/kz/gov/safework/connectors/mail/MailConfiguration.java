package kz.gov.safework.connectors.mail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import kz.gov.safework.contract.MetricNames;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.connectors.common.SourcePoll;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import kz.gov.safework.connectors.tls.TlsSettings;
import kz.gov.safework.connectors.identity.Credentials;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Wires the mail channel into the hub (next to the route builders {@link MailIntakeRoutes} and
 * {@link MailReceiptRoutes}, which share its {@link MailBeans}): the embedded demo mail server when
 * {@code hub.mail.embedded=true}, the IMAP health check, the last-poll gauge and the gauge of replies refused for
 * good ({@value MailOutbox#UNDELIVERABLE_GAUGE}). Does nothing when mail is disabled.
 *
 * @param credentials the logins of the embedded server's mailboxes; null: the demo credentials file
 * @param meters where the last-poll gauges go; null (tests): none
 */
public record MailConfiguration(MailBeans beans, Credentials credentials, MeterRegistry meters) {
    public void configure(CamelContext context) throws Exception {
        TlsSettings tls = TlsSettings.load(context.getPropertiesComponent());
        if (tls.hasTruststore()) {
            // Also for an operator's own SMTPS endpoint, e.g. hub.cycle.mail.uri=smtps://...&sslContextParameters=#mailTls
            context.getRegistry().bind(MailEndpoints.TLS_BEAN, SSLContextParameters.class, tls.clientParameters());
        }
        MailSettings settings = MailSettings.load(context);
        if (!settings.enabled()) {
            return;
        }
        SourcePoll status = beans.pollStatus();
        if (settings.embedded().enabled()) {
            // Started with the context, before the routes: the intake's first poll finds the server up.
            context.addService(new EmbeddedMailServer(settings, beans.referenceData(), credentials), true, true);
        }
        context.addService(new Observability(context, settings, status, meters, beans,
                () -> beans.suspended().isSuspended(Channel.MAIL.id())), true, true);
    }

    /** Registers health check and gauge at start, when every configuration has bound its beans. */
    private static final class Observability extends ServiceSupport {
        private final CamelContext context;
        private final MailSettings settings;
        private final SourcePoll status;
        private final MeterRegistry meters;
        private final BooleanSupplier suspended;
        private final MailBeans beans;

        Observability(CamelContext context, MailSettings settings, SourcePoll status, MeterRegistry meters,
                      MailBeans beans, BooleanSupplier suspended) {
            this.context = context;
            this.beans = beans;
            this.settings = settings;
            this.status = status;
            this.meters = meters;
            this.suspended = suspended;
        }

        @Override
        protected void doStart() {
            HealthCheckRegistry health = HealthCheckRegistry.get(context);
            if (health != null) {
                ImapHealthCheck check = new ImapHealthCheck(settings, status);
                check.setCamelContext(context);
                health.register(check);
            }
            if (meters != null) {
                status.bindGauges(meters, settings.pollDelayMillis(), suspended);
                // Read from the database at each scrape: the same on every instance, and across restarts.
                MailReplyStore store = new MailReplyStore(beans.dataSource(), beans.clock());
                Gauge.builder(MailOutbox.UNDELIVERABLE_GAUGE,
                                () -> store.undeliverableSince(beans.clock().instant().minus(Duration.ofHours(24))))
                        .description("Mail replies the SMTP server refused for good (5xx) in the last 24 hours")
                        .register(meters);
            }
        }
    }
}

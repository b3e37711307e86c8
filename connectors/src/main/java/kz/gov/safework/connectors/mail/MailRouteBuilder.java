package kz.gov.safework.connectors.mail;

import org.apache.camel.builder.RouteBuilder;

/**
 * Routes of the mail channel: each reads the mail settings from the context and adds nothing while mail is
 * disabled, so a hub without mail has no mail route, endpoint or bean at all.
 */
abstract class MailRouteBuilder extends RouteBuilder {
    protected final MailBeans beans;

    MailRouteBuilder(MailBeans beans) {
        this.beans = beans;
    }

    @Override
    public final void configure() {
        MailSettings settings = MailSettings.load(getContext());
        if (settings.enabled()) {
            configure(settings, new MailEndpoints(settings));
        }
    }

    /** Adds the routes; called only when mail is enabled. */
    abstract void configure(MailSettings settings, MailEndpoints endpoints);
}

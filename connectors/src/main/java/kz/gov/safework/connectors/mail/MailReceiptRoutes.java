package kz.gov.safework.connectors.mail;

import org.apache.camel.builder.RouteBuilder;

/**
 * Receipts out: the pipeline's receipts for mail documents ({@code hub.receipts.mail.uri}) are collected per
 * mail and answered with one reply by SMTP once the last one is in. Adds nothing when mail is disabled.
 */
public class MailReceiptRoutes extends RouteBuilder {
    private final MailBeans beans;

    public MailReceiptRoutes(MailBeans beans) {
        this.beans = beans;
    }

    @Override
    public void configure() {
        MailSettings settings = MailSettings.load(getContext());
        if (!settings.enabled()) {
            return;
        }
        MailEndpoints endpoints = new MailEndpoints(settings);
        ReceiptCollector collector = new ReceiptCollector(
                new MailReplyStore(beans.dataSource(), beans.clock()),
                new Replies(settings.hubAddress(), beans.clock()));

        from("{{hub.receipts.mail.uri}}").routeId("mail-receipts")
                .process(MailHeaders::dropControlHeaders)
                .process(collector::collect)
                .filter(body().isNotNull())
                    .removeHeaders("*")
                    .to(endpoints.smtpReplies())
                    .process(collector::markReplied)
                .end();
    }
}

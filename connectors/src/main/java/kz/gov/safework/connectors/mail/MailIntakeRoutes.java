package kz.gov.safework.connectors.mail;

import kz.gov.safework.connectors.common.IntakeEndpoint;
import kz.gov.safework.connectors.common.SuspendablePoll;
import kz.gov.safework.contract.LogText;
import kz.gov.safework.contract.envelope.Channel;

import org.apache.camel.ExchangePattern;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.mail.MailConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail in: the hub's IMAP mailbox to {@code hub.intake}, one envelope per document. Adds nothing unless
 * {@code hub.mail.imap.enabled} or {@code hub.mail.embedded} is true.
 *
 * <p>The mail is flagged and moved to the processed folder by the consumer only when this route completed,
 * i.e. after every envelope was sent (a persistent JMS send returns once the broker has it durably). A refused
 * mail (unknown or unproven sender, over its limits, unreadable) is answered (its refusal written to the mail
 * outbox, which {@code mail-outbox-relay} sends) and moved to the quarantine folder ({@code hub.mail.imap.quarantine-folder}) instead, with nothing sent to the pipeline.
 */
public class MailIntakeRoutes extends MailRouteBuilder {
    /** The IMAP poller. */
    public static final String ROUTE_ID = "mail-intake";
    private static final Logger LOG = LoggerFactory.getLogger(MailIntakeRoutes.class);

    public MailIntakeRoutes(MailBeans beans) {
        super(beans);
    }

    @Override
    void configure(MailSettings settings, MailEndpoints endpoints) {
        // The IMAP endpoint names its pollStrategy by this bean: the poll status, and no poll while mail is suspended.
        bindToRegistry(MailEndpoints.POLL_STRATEGY_BEAN,
                new SuspendablePoll(Channel.MAIL.id(), beans.suspended(), beans.pollStatus()));
        if (settings.trustedAuthservId().isEmpty()) {
            LOG.warn("hub.mail.trusted-authserv-id is not set: no mail can prove its sender, every agency mail is "
                    + "refused (SENDER_NOT_AUTHENTICATED). Set it to the authserv-id your receiving mail server "
                    + "writes in Authentication-Results (see README, Email).");
        }
        MailIntake intake = new MailIntake(new MailReader(settings.limits()),
                new SenderAuthentication(settings.trustedAuthservId()),
                new Replies(settings.hubAddress(), beans.clock(), beans.signer()),
                beans.referenceData(),
                new MailReplyStore(beans.dataSource(), beans.clock()),
                beans.clock());

        from(endpoints.imapIntake()).routeId(ROUTE_ID)
                .process(MailHeaders::dropAll)
                .process(intake::read)
                .choice()
                    .when(exchangeProperty(MailIntake.VERDICT).isEqualTo(MailIntake.Verdict.IGNORE))
                        .process(e -> LOG.warn("Mail {} is automated or has no usable sender: not answered",
                                LogText.of(e.getIn().getBody(InboundMail.class).messageId())))
                    .when(MailIntake::quarantined)
                        // read by the consumer when it commits: this mail goes to quarantine, not to processed
                        .setHeader(MailConstants.MAIL_MOVE_TO, constant(settings.quarantineFolder()))
                        .process(intake::refusalReply)
                    .when(exchangeProperty(MailIntake.VERDICT).isEqualTo(MailIntake.Verdict.NO_DOCUMENT))
                        .process(intake::noDocumentReply)
                    .otherwise()
                        .process(intake::toEnvelopes)
                        .split(body()).stopOnException()
                            .process(MailIntake::toMessage)
                            .to(ExchangePattern.InOnly, IntakeEndpoint.URI)
                        .end()
                .end();
    }
}

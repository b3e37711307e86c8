package kz.gov.safework.connectors.mail;

import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;
import kz.gov.safework.connectors.common.SourcePoll;
import kz.gov.safework.connectors.common.SuspendedChannels;
import kz.gov.safework.contract.MetricNames;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.signature.HubSigner;

/**
 * What the mail channel's route builders and configuration share, made once by the application and passed in:
 * the reference data, the data source (the replies' bookkeeping), the clock, the IMAP poll status and the hub's
 * signer (each receipt attached to a reply is signed, {@code <name>.receipt.json.sig} beside it), and which channels an
 * operator has suspended (the mailbox is not polled while {@code mail} is).
 */
public record MailBeans(ReferenceData referenceData, DataSource dataSource, Clock clock, SourcePoll pollStatus,
        HubSigner signer, SuspendedChannels suspended) {

    /** With no channel ever suspended. */
    public MailBeans(ReferenceData referenceData, DataSource dataSource, Clock clock, SourcePoll pollStatus,
            HubSigner signer) {
        this(referenceData, dataSource, clock, pollStatus, signer, SuspendedChannels.NONE);
    }

    public MailBeans {
        Objects.requireNonNull(referenceData, "referenceData");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(pollStatus, "pollStatus");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(suspended, "suspended");
    }

    /** The poll status of the hub's IMAP mailbox: the source {@value MetricNames#SOURCE_IMAP}. */
    public static SourcePoll imapPoll(Clock clock) {
        return new SourcePoll(MetricNames.SOURCE_IMAP, "the hub's IMAP mailbox", clock);
    }
}

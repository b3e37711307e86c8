package kz.gov.safework.contract.envelope;

/**
 * Message properties of an envelope on {@code hub.intake} and of a receipt on {@code hub.receipts.<channel>}.
 * Names are valid JMS identifiers and never start with "Camel", so the header filters at every
 * consumer (which drop anything starting with "camel" in any case) leave them alone.
 * The body of an envelope is the raw bytes received; the body of a receipt message is the receipt JSON.
 */
public final class EnvelopeHeaders {
    /** {@link Channel#id()} of the channel the document came in on. */
    public static final String CHANNEL = "swChannel";
    /** Agency code (upper case) of the authenticated sender, or absent when the sender is unknown. */
    public static final String AGENCY = "swAgency";
    /** The login the transport authenticated (for audit, and for the unknown-agency receipt). */
    public static final String LOGIN = "swLogin";
    /** Transport message id: JMSMessageID, SFTP path+size+mtime, mail Message-ID + attachment index. */
    public static final String TRANSPORT_ID = "swTransportId";
    /** Original file or attachment name, when the transport has one. */
    public static final String FILE_NAME = "swFileName";
    /** Content type the transport declared (may be absent; the pipeline sniffs the bytes anyway). */
    public static final String CONTENT_TYPE = "swContentType";
    /** ISO-8601 instant at which the channel received the document. */
    public static final String RECEIVED_AT = "swReceivedAt";
    /**
     * Channel-specific return address for the receipt: a JMS destination name (the JMSReplyTo), the
     * SFTP receipts folder, the mail's sender address. Opaque to the pipeline, copied onto the receipt.
     */
    public static final String REPLY_TO = "swReplyTo";
    /** Channel-specific correlation (JMS: incoming JMSMessageID; mail: the Message-ID replied to). */
    public static final String CORRELATION = "swCorrelation";
    /** Deterministic submission id assigned by the pipeline (set on receipts). */
    public static final String SUBMISSION_ID = "swSubmissionId";
    /**
     * On a receipt or feed message an operator sends once more: the request id of that resend. It is part of every
     * duplicate-detection id the message gets on its way, so a retried request (same id) is dropped by the broker
     * while a new request goes out.
     */
    public static final String RESEND_ID = "swResendId";
    /** Receipt status (set on receipts). */
    public static final String STATUS = "swStatus";
    /** A rejection the adapter itself decided (e.g. UNSUPPORTED_EXTENSION): an {@code ErrorCode} name. */
    public static final String ADAPTER_ERROR = "swAdapterError";
    /** A warning the adapter itself decided (e.g. REPLY_TO_IGNORED): an {@code ErrorCode} name; the document is still judged. */
    public static final String ADAPTER_WARNING = "swAdapterWarning";
    /** For mail: how many documents one mail carried, and this document's index, so replies can be grouped. */
    public static final String BATCH_SIZE = "swBatchSize";
    public static final String BATCH_INDEX = "swBatchIndex";

    private EnvelopeHeaders() {
    }
}

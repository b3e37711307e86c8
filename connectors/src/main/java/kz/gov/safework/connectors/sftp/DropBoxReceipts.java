package kz.gov.safework.connectors.sftp;

import kz.gov.safework.contract.LogText;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.signature.HubSigner;
import kz.gov.safework.contract.reference.Principals;
import kz.gov.safework.contract.reference.ReferenceData;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a receipt as {@code <home>/receipts/<file name>.<submission id>.receipt.json}, which no other
 * submission's receipt replaces, and as {@code <home>/receipts/<file name>.receipt.json}, the latest for that
 * file name. The home comes from the login (which must be an agency's); names are reduced to one path element,
 * so no header can place a file outside that folder. Each write is atomic (temporary file, then rename): an
 * agency polling the folder never reads half a receipt. The hub's signature over the receipt's bytes is written
 * beside each, as {@code <receipt file>.sig} (a detached JWS, one line without a line end).
 */
public final class DropBoxReceipts implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(DropBoxReceipts.class);

    private final DropBox dropBox;
    private final Principals principals;

    public DropBoxReceipts(DropBox dropBox, ReferenceData referenceData) {
        this.dropBox = dropBox;
        this.principals = new Principals(referenceData);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        String login = DropBox.normalizeLogin(in.getHeader(EnvelopeHeaders.LOGIN, String.class));
        if (!DropBox.isValidLogin(login) || !principals.of(login).has(Principals.Role.AGENCY)) {
            throw new IllegalArgumentException("SFTP receipt for a login without a drop box: " + LogText.of(login));
        }
        String replyTo = in.getHeader(EnvelopeHeaders.REPLY_TO, String.class);
        if (replyTo != null && !DropBoxEnvelope.REPLY_TO.equals(replyTo)) {
            LOG.warn("SFTP receipt for {} names reply-to '{}'; written to {} instead", LogText.of(login), LogText.of(replyTo),
                    DropBoxEnvelope.REPLY_TO);
        }
        String fileName = in.getHeader(EnvelopeHeaders.FILE_NAME, String.class);
        if (fileName == null) {
            fileName = in.getHeader(EnvelopeHeaders.SUBMISSION_ID, String.class);
        }
        String submissionId = in.getHeader(EnvelopeHeaders.SUBMISSION_ID, String.class);
        Path target = dropBox.receiptFile(login, fileName);
        // The receipt JSON as UTF-8, the bytes the hub signed (not the platform's charset).
        Object body = in.getMandatoryBody(Object.class);
        byte[] receipt = body instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                : in.getMandatoryBody(byte[].class);
        String signature = in.getHeader(HubSigner.RECEIPT_SIGNATURE, String.class);
        if (submissionId != null) {
            writeSigned(dropBox.receiptFile(login, fileName, submissionId), receipt, signature);
        }
        writeSigned(target, receipt, signature);
        LOG.info("SFTP receipt {} {} written for {}: {}", in.getHeader(EnvelopeHeaders.SUBMISSION_ID),
                in.getHeader(EnvelopeHeaders.STATUS), LogText.of(login), LogText.of(target.getFileName()));
    }

    /** The signature first, then the receipt: an agency that sees a receipt finds its signature beside it. */
    private static void writeSigned(Path target, byte[] receipt, String signature) throws java.io.IOException {
        if (signature != null) {
            write(target.resolveSibling(target.getFileName() + HubSigner.SIGNATURE_SUFFIX),
                    signature.getBytes(StandardCharsets.US_ASCII));
        }
        write(target, receipt);
    }

    private static void write(Path target, byte[] receipt) throws java.io.IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".receipt-", ".tmp");
        try {
            Files.write(temp, receipt);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}

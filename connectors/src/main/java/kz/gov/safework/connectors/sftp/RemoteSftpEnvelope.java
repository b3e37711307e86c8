package kz.gov.safework.connectors.sftp;

import kz.gov.safework.connectors.common.HeaderFilter;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;

import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.validation.ErrorCode;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns a file taken from an agency's own SFTP server into an envelope. The file was downloaded to the
 * hub's work directory first ({@code localWorkDirectory}), so the body is a stream over that local copy.
 * Transport id: {@code sftp-remote:<CODE>:<inbox>/<name>:<size>:<mtime>} (same version of the same file,
 * same id; the pipeline recognises the redelivery).
 */
public record RemoteSftpEnvelope(Agency agency, DocumentPolicy policy, Clock clock) implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        String name = DropBox.safeFileName(in.getHeader(Exchange.FILE_NAME_ONLY, String.class));
        long size = in.getHeader(Exchange.FILE_LENGTH, 0L, Long.class);
        long modified = in.getHeader(Exchange.FILE_LAST_MODIFIED, 0L, Long.class);
        Optional<ErrorCode> refusal = policy.refusal(name, size);
        String localCopy = in.getHeader(Exchange.FILE_LOCAL_WORK_PATH, String.class);

        in.removeHeaders(HeaderFilter.UNTRUSTED);
        in.setHeader(EnvelopeHeaders.CHANNEL, Channel.SFTP_REMOTE.id());
        in.setHeader(EnvelopeHeaders.AGENCY, agency.code());
        in.setHeader(EnvelopeHeaders.LOGIN, agency.login());
        in.setHeader(EnvelopeHeaders.TRANSPORT_ID, "sftp-remote:" + agency.code() + ":" + agency.remoteSftp().inbox()
                + "/" + name + ":" + size + ":" + modified);
        in.setHeader(EnvelopeHeaders.FILE_NAME, name);
        in.setHeader(EnvelopeHeaders.CONTENT_TYPE, DocumentPolicy.contentType(name));
        in.setHeader(EnvelopeHeaders.RECEIVED_AT, clock.instant().toString());
        in.setHeader(EnvelopeHeaders.REPLY_TO, agency.remoteSftp().receipts());
        refusal.ifPresent(code -> in.setHeader(EnvelopeHeaders.ADAPTER_ERROR, code.name()));

        if (refusal.filter(ErrorCode.DOCUMENT_TOO_LARGE::equals).isPresent()) {
            in.setBody(StreamBodies.empty());
        } else if (localCopy != null) {
            StreamBodies.setFileBody(exchange, java.nio.file.Path.of(localCopy));
        } else {
            StreamBodies.setStreamBody(exchange, in.getMandatoryBody(InputStream.class));
        }
    }
}

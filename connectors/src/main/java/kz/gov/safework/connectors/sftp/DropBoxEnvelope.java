package kz.gov.safework.connectors.sftp;

import kz.gov.safework.connectors.common.HeaderFilter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.reference.Principals;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.validation.ErrorCode;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.file.GenericFile;

/**
 * Turns a complete upload in {@code <login>/inbox/} into an envelope: the file as a stream (or an empty
 * body with {@code swAdapterError=DOCUMENT_TOO_LARGE}) and the {@code sw*} headers.
 *
 * <p>The transport id is {@code sftp:<login>:/inbox/<name>:<size>:<inode>:<ctime>}. The inode change
 * time is set by the file system whenever the file is written or renamed and cannot be set by a client
 * (unlike mtime, which {@code put -p} preserves), so a file left in the inbox by a crash keeps its id and
 * is recognised as a redelivery, while the same file uploaded again later gets a new id (and a
 * DUPLICATE receipt from the pipeline).
 */
public final class DropBoxEnvelope implements Processor {
    /** Exchange properties the archive step reads (properties, not headers: they never leave the hub). */
    public static final String FILE_PROPERTY = "swSftpFile";
    public static final String LOGIN_PROPERTY = "swSftpLogin";
    /** Where receipts go, as the agency sees its home. */
    public static final String REPLY_TO = "/" + DropBox.RECEIPTS;

    private final DropBox dropBox;
    private final DocumentPolicy policy;
    private final Principals principals;
    private final Clock clock;

    public DropBoxEnvelope(DropBox dropBox, DocumentPolicy policy, ReferenceData referenceData, Clock clock) {
        this.dropBox = dropBox;
        this.policy = policy;
        this.principals = new Principals(referenceData);
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        Message in = exchange.getIn();
        GenericFile<?> generic = in.getBody(GenericFile.class);
        Path file = ((File) generic.getFile()).toPath().toAbsolutePath().normalize();
        Path relative = dropBox.root().relativize(file);
        String login = relative.getName(0).toString();
        String name = file.getFileName().toString();
        FileFacts facts = FileFacts.of(file, clock);
        Optional<ErrorCode> refusal = policy.refusal(name, facts.size());

        in.removeHeaders(HeaderFilter.UNTRUSTED);
        in.setHeader(EnvelopeHeaders.CHANNEL, Channel.SFTP.id());
        String agency = principals.of(login).agency();
        if (agency != null) {
            in.setHeader(EnvelopeHeaders.AGENCY, agency);
        }
        in.setHeader(EnvelopeHeaders.LOGIN, login);
        in.setHeader(EnvelopeHeaders.TRANSPORT_ID, "sftp:" + login + ":/" + DropBox.INBOX + "/" + name + ":"
                + facts.size() + ":" + facts.identity());
        in.setHeader(EnvelopeHeaders.FILE_NAME, name);
        in.setHeader(EnvelopeHeaders.CONTENT_TYPE, DocumentPolicy.contentType(name));
        in.setHeader(EnvelopeHeaders.RECEIVED_AT, facts.completedAt().toString());
        in.setHeader(EnvelopeHeaders.REPLY_TO, REPLY_TO);
        refusal.ifPresent(code -> in.setHeader(EnvelopeHeaders.ADAPTER_ERROR, code.name()));
        exchange.setProperty(FILE_PROPERTY, file);
        exchange.setProperty(LOGIN_PROPERTY, login);

        if (refusal.filter(ErrorCode.DOCUMENT_TOO_LARGE::equals).isPresent()) {
            in.setBody(StreamBodies.empty());
        } else {
            StreamBodies.setFileBody(exchange, file);
        }
    }

    /** Size, a stable identity of this upload, and when it completed, read once from the file system. */
    record FileFacts(long size, String identity, Instant completedAt) {
        static FileFacts of(Path file, Clock clock) throws IOException {
            try {
                Map<String, Object> unix = Files.readAttributes(file, "unix:size,ino,ctime", LinkOption.NOFOLLOW_LINKS);
                Instant ctime = ((FileTime) unix.get("ctime")).toInstant();
                return new FileFacts((Long) unix.get("size"), unix.get("ino") + ":" + ctime, ctime);
            } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
                BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                Instant modified = basic.lastModifiedTime().toInstant();
                return new FileFacts(basic.size(), basic.fileKey() + ":" + modified,
                        modified.isAfter(clock.instant()) ? clock.instant() : modified);
            }
        }
    }
}

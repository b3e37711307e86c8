package kz.gov.safework.connectors.sftp;

import java.nio.file.Files;
import java.nio.file.Path;

import kz.gov.safework.contract.LogText;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import kz.gov.safework.contract.validation.ErrorCode;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SFTP acknowledgement: runs only after the envelope was accepted by the intake endpoint. */
public final class DropBoxArchive implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(DropBoxArchive.class);

    private final DropBox dropBox;

    public DropBoxArchive(DropBox dropBox) {
        this.dropBox = dropBox;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Path file = exchange.getProperty(DropBoxEnvelope.FILE_PROPERTY, Path.class);
        String login = exchange.getProperty(DropBoxEnvelope.LOGIN_PROPERTY, String.class);
        if (ErrorCode.DOCUMENT_TOO_LARGE.name().equals(exchange.getIn().getHeader(EnvelopeHeaders.ADAPTER_ERROR))) {
            // Never read, and the receipt says why: an oversized upload is not kept (it could fill the disk).
            Files.deleteIfExists(file);
            LOG.info("SFTP upload {}/inbox/{} refused as too large, removed", LogText.of(login),
                    LogText.of(file.getFileName()));
            return;
        }
        Path archived = dropBox.archive(login, file);
        LOG.info("SFTP upload {}/inbox/{} handed to the pipeline, archived as {}", LogText.of(login),
                LogText.of(file.getFileName()), LogText.of(archived.getFileName()));
    }
}

package kz.gov.safework.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import kz.gov.safework.contract.Json;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code log4j2-hub.xml} as the hub runs it: a document's lines carry its submission id and agency. */
class HubLogConfigurationTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;
    private LoggerContext loggers;

    private String logAboutADocument(String format) throws Exception {
        if (format == null) {
            System.clearProperty("hub.log.format");
        } else {
            System.setProperty("hub.log.format", format);
        }
        URI config = getClass().getClassLoader().getResource("log4j2-hub.xml").toURI();
        loggers = new LoggerContext("hub-log-test-" + format, null, config);
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        loggers.start();
        Logger log = loggers.getLogger("kz.gov.safework.pipeline");
        ThreadContext.put("submissionId", "sub-42");
        ThreadContext.put("agency", "MZ");
        try {
            log.info("Receipt sent");
        } finally {
            ThreadContext.clearMap();
        }
        loggers.stop();
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.clearProperty("hub.log.format");
    }

    @Test
    void textLinesCarrySubmissionIdAndAgency() throws Exception {
        String line = logAboutADocument(null);

        assertThat(line).contains("submission=sub-42").contains("agency=MZ").contains("Receipt sent");
    }

    @Test
    void jsonFormatWritesOneObjectPerLineWithSubmissionIdAndAgency() throws Exception {
        String line = logAboutADocument("json");

        assertThat(line.lines()).hasSize(1);
        JsonNode event = Json.mapper().readTree(line);
        assertThat(event.get("message").asText()).isEqualTo("Receipt sent");
        assertThat(event.get("submissionId").asText()).isEqualTo("sub-42");
        assertThat(event.get("agency").asText()).isEqualTo("MZ");
        assertThat(event.get("service.name").asText()).isEqualTo("safework-hub");
    }
}

package kz.gov.safework.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The message log's files: written once, never overwritten, whatever comes again under the same submission id. */
class MessageLogTest {
    private static final Instant RECEIVED = Instant.parse("2023-01-05T10:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void aRedeliveryFindsItsBytesAlreadyLogged() throws Exception {
        MessageLog log = new MessageLog(dataDir, null, Clock.systemUTC());
        MessageLog.Logged first = log.write("s-1", RECEIVED, out -> out.write(bytes("report")));
        MessageLog.Logged again = log.write("s-1", RECEIVED, out -> out.write(bytes("report")));

        assertThat(again).isEqualTo(first);
        assertThat(files()).containsExactly(first.file());
    }

    @Test
    void differentBytesUnderOneSubmissionIdDoNotOverwriteTheFirst() throws Exception {
        MessageLog log = new MessageLog(dataDir, null, Clock.systemUTC());
        MessageLog.Logged first = log.write("s-1", RECEIVED, out -> out.write(bytes("first document")));
        MessageLog.Logged second = log.write("s-1", RECEIVED, out -> out.write(bytes("another document")));

        assertThat(second.file()).isNotEqualTo(first.file());
        assertThat(Files.readString(first.file())).isEqualTo("first document");
        assertThat(Files.readString(second.file())).isEqualTo("another document");
        assertThat(files()).containsExactlyInAnyOrder(first.file(), second.file());
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> files = Files.walk(dataDir.resolve("messages"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

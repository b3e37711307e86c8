package kz.gov.safework.connectors.mail;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One {@link MailFixture} for a whole test class (started once, closed after the last test), its mailboxes emptied
 * before each test. A class that needs other settings overrides {@link #newFixture()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedMailFixture {
    MailFixture hub;

    MailFixture newFixture() throws Exception {
        return new MailFixture();
    }

    @BeforeAll
    void startHub() throws Exception {
        hub = newFixture();
    }

    @AfterAll
    void stopHub() {
        hub.close();
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        hub.reset();
    }
}

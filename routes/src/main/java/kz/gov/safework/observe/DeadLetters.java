package kz.gov.safework.observe;

import kz.gov.safework.api.ApiProblem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter queue for operators: list, look at one, retry one or all, discard with a reason.
 * Every change (and every look at a document's content) is recorded in {@link OperatorActions}.
 * A retry sends a message back to the address it died on; a message that never had one (put on the
 * DLQ by hand or by an external tool) goes to {@code hub.observe.dlq.default-retry-address}.
 */
public final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    /** Artemis sets this on a message it moves to a dead-letter address. */
    public static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    /** And the queue; Artemis' own retry moves nothing without it (the hub's give-ups before 2026-12 lack it). */
    public static final String ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";
    /** The pipeline sets this (a short text) on a message it gives up on. */
    public static final String FAILURE = "swFailure";

    private final BrokerManagement broker;
    private final OperatorActions actions;
    private final Clock clock;
    private final String deadLetterQueue;
    private final String defaultRetryAddress;
    private final int listLimit;
    private final int viewMaxBytes;

    public DeadLetters(BrokerManagement broker, OperatorActions actions, Clock clock, String deadLetterQueue,
                       String defaultRetryAddress, int listLimit, int viewMaxBytes) {
        this.broker = broker;
        this.actions = actions;
        this.clock = clock;
        this.deadLetterQueue = deadLetterQueue;
        this.defaultRetryAddress = defaultRetryAddress;
        this.listLimit = listLimit;
        this.viewMaxBytes = viewMaxBytes;
    }

    public List<DeadLetter> list() {
        return broker.browse(deadLetterQueue, listLimit, 0).stream().map(DeadLetters::summary).toList();
    }

    /**
     * How many dead letters arrived at the hub on each day, in {@code zone}, oldest day first: the day of the
     * document's {@code swReceivedAt} when it carries one (the day it came in), else of the message's timestamp.
     * Counts the letters the list shows ({@code listLimit} at most; {@code complete} false when there may be more).
     */
    public DeadLettersPerDay perDay(ZoneId zone) {
        List<DeadLetter> letters = list();
        Map<LocalDate, Integer> days = new TreeMap<>();
        for (DeadLetter letter : letters) {
            Instant arrived = arrived(letter);
            if (arrived != null) {
                days.merge(LocalDate.ofInstant(arrived, zone), 1, Integer::sum);
            }
        }
        return new DeadLettersPerDay(zone.getId(), letters.size(), letters.size() < listLimit,
                days.entrySet().stream().map(d -> new DeadLettersPerDay.Day(d.getKey(), d.getValue())).toList());
    }

    private static Instant arrived(DeadLetter letter) {
        if (letter.receivedAt() != null) {
            try {
                return Instant.parse(letter.receivedAt());
            } catch (DateTimeParseException e) {
                // A header set by hand or by another tool: the message's own time is the next best.
            }
        }
        return letter.time();
    }

    public DeadLetterDetail view(long id, String operator) {
        BrowsedMessage message = find(id, viewMaxBytes);
        record(operator, OperatorAction.Kind.VIEW_DEAD_LETTER, id, null, "viewed");
        return new DeadLetterDetail(summary(message), message.properties(), text(message.bodyHead()),
                message.size() > message.bodyHead().length);
    }

    public DeadLetter retry(long id, String operator) {
        BrowsedMessage message = find(id, 0);
        DeadLetter letter = summary(message);
        String target = letter.originalAddress() != null ? letter.originalAddress() : defaultRetryAddress;
        boolean moved = letter.originalAddress() != null && message.property(ORIGINAL_QUEUE) != null
                ? broker.retryMessage(deadLetterQueue, id)
                : broker.moveMessage(deadLetterQueue, id, target);
        if (!moved) {
            throw ApiProblem.notFound("Dead letter " + id + " not found");
        }
        record(operator, OperatorAction.Kind.RETRY_DEAD_LETTER, id, null, "sent back to " + target);
        return letter;
    }

    /** Retries everything; returns how many messages went back. */
    public int retryAll(String operator) {
        int withoutOrigin = broker.moveMessages(deadLetterQueue, ORIGINAL_ADDRESS + " IS NULL", defaultRetryAddress);
        int withAddressOnly = 0;
        for (BrowsedMessage message : broker.browse(deadLetterQueue, Integer.MAX_VALUE, 0)) {
            String address = message.property(ORIGINAL_ADDRESS);
            if (address != null && message.property(ORIGINAL_QUEUE) == null
                    && broker.moveMessage(deadLetterQueue, message.id(), address)) {
                withAddressOnly++;
            }
        }
        int withOrigin = withAddressOnly + broker.retryMessages(deadLetterQueue);
        int total = withOrigin + withoutOrigin;
        record(operator, OperatorAction.Kind.RETRY_ALL_DEAD_LETTERS, null, null,
                total + " sent back (" + withOrigin + " to their original address, " + withoutOrigin + " to "
                        + defaultRetryAddress + ")");
        return total;
    }

    public DeadLetter discard(long id, String operator, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiProblem.badRequest("A reason is required to discard a dead letter");
        }
        DeadLetter letter = summary(find(id, 0));
        if (!broker.removeMessage(deadLetterQueue, id)) {
            throw ApiProblem.notFound("Dead letter " + id + " not found");
        }
        record(operator, OperatorAction.Kind.DISCARD_DEAD_LETTER, id, reason.strip(),
                "discarded (" + describe(letter) + ")");
        return letter;
    }

    private BrowsedMessage find(long id, int maxBodyBytes) {
        return broker.browse(deadLetterQueue, Integer.MAX_VALUE, maxBodyBytes).stream()
                .filter(message -> message.id() == id)
                .findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Dead letter " + id + " not found"));
    }

    private void record(String operator, OperatorAction.Kind kind, Long id, String reason, String outcome) {
        actions.record(new OperatorAction(null, clock.instant(), operator, kind,
                id == null ? deadLetterQueue : deadLetterQueue + "/" + id, reason, outcome));
        LOG.info("Operator {} {} {}: {}", operator, kind, id == null ? deadLetterQueue : id, outcome);
    }

    private static String describe(DeadLetter letter) {
        return "channel=" + letter.channel() + ", agency=" + letter.agency() + ", from=" + letter.originalAddress()
                + ", submission=" + letter.submissionId();
    }

    static DeadLetter summary(BrowsedMessage message) {
        return new DeadLetter(
                message.id(),
                message.jmsMessageId(),
                message.property(ORIGINAL_ADDRESS),
                message.property(FAILURE),
                message.deliveryCount(),
                message.property(EnvelopeHeaders.CHANNEL),
                message.property(EnvelopeHeaders.AGENCY),
                message.property(EnvelopeHeaders.LOGIN),
                message.property(EnvelopeHeaders.SUBMISSION_ID),
                message.property(EnvelopeHeaders.FILE_NAME),
                message.property(EnvelopeHeaders.RECEIVED_AT),
                message.timestamp(),
                message.size());
    }

    /** The body as UTF-8 text, or a note when it is binary (operators never get raw bytes in the page). */
    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            // A cut in the middle of a multi-byte character is not binary: decode leniently then.
            String lenient = new String(bytes, StandardCharsets.UTF_8);
            long replaced = lenient.chars().filter(c -> c == '\uFFFD').count();
            return replaced <= 1 ? lenient : "(binary content, " + bytes.length + " bytes shown as nothing)";
        }
    }
}

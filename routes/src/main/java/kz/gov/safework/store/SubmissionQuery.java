package kz.gov.safework.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.contract.receipt.ReceiptStatus;

/**
 * A search of judged documents ({@code GET /api/submissions}), every parameter checked before it goes anywhere
 * near SQL (where it is only ever bound): {@code agency} a code, {@code year} a year, {@code status} a receipt
 * status, {@code channel} a channel id ({@link Channel}), {@code from}/{@code to} dates (UTC days, both inclusive) or instants of
 * receipt (from inclusive, to exclusive), {@code q} a submission id, report id or SHA-256 (exact) or a part of the file name, {@code page} from 0
 * and {@code size} 1 to {@value #MAX_SIZE}. Null where not asked.
 */
public record SubmissionQuery(String agency, Integer year, String status, String channel, Instant from, Instant to,
                              String q, int page, int size) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    static final int MAX_Q = 256;
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,63}");

    /** Reads the request's query parameters; {@link IllegalArgumentException} names the first bad one. */
    public static SubmissionQuery parse(Map<String, String> params) {
        String agency = text(params, "agency");
        if (agency != null) {
            agency = agency.toUpperCase(Locale.ROOT);
            if (!CODE.matcher(agency).matches()) {
                throw new IllegalArgumentException("agency must be an agency code");
            }
        }
        String status = text(params, "status");
        if (status != null) {
            status = status.toUpperCase(Locale.ROOT);
            try {
                ReceiptStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("status must be ACCEPTED, REJECTED or DUPLICATE", e);
            }
        }
        String channel = text(params, "channel");
        if (channel != null) {
            try {
                channel = Channel.fromId(channel).id();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("channel must be one of jms, sftp, sftp-remote, mail, http", e);
            }
        }
        String q = text(params, "q");
        if (q != null && q.length() > MAX_Q) {
            throw new IllegalArgumentException("q must be at most " + MAX_Q + " characters");
        }
        Instant from = time(params, "from", false);
        Instant to = time(params, "to", true);
        if (from != null && to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from (the range would be empty)");
        }
        return new SubmissionQuery(agency, number(params, "year", null, 2000, 2100), status, channel, from, to, q,
                number(params, "page", 0, 0, 100_000), number(params, "size", DEFAULT_SIZE, 1, MAX_SIZE));
    }

    /** The same search confined to one agency's documents. */
    public SubmissionQuery onlyOf(String agencyCode) {
        return new SubmissionQuery(agencyCode, year, status, channel, from, to, q, page, size);
    }

    private static String text(Map<String, String> params, String name) {
        String value = params.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Integer number(Map<String, String> params, String name, Integer absent, int min, int max) {
        String value = text(params, name);
        if (value == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(name + " must be a number from " + min + " to " + max);
    }

    /** A date (the start of that UTC day for from, the start of the next for to) or an ISO instant. */
    private static Instant time(Map<String, String> params, String name, boolean end) {
        String value = text(params, name);
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date (2023-01-10) or an instant (2023-01-10T05:00:00Z)",
                    e);
        }
    }
}

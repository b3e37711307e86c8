package kz.gov.safework.connectors.sftp;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import kz.gov.safework.contract.envelope.EnvelopeHeaders;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The test's stand-in for {@code hub.intake}: reads each envelope's body as the stream it is (never asking
 * Camel for a byte[]), keeps small bodies, the SHA-256 and size of every body, and the sw* headers.
 * {@link #failNext} makes the next hand-over fail, as if the broker were down.
 */
final class CapturedEnvelopes implements Processor {
    record Envelope(Map<String, Object> headers, byte[] body, long size, String sha256, String bodyType) {
        String header(String name) {
            Object value = headers.get(name);
            return value == null ? null : value.toString();
        }

        /**
         * What the pipeline sends back to the channel with this envelope's receipt: the envelope's sw* headers, the
         * submission id and the status.
         */
        Map<String, Object> receiptHeaders(String submissionId, String status) {
            Map<String, Object> back = new HashMap<>();
            headers.forEach((k, v) -> {
                if (k.startsWith("sw")) {
                    back.put(k, v);
                }
            });
            back.put(EnvelopeHeaders.SUBMISSION_ID, submissionId);
            back.put(EnvelopeHeaders.STATUS, status);
            return back;
        }
    }

    private final List<Envelope> envelopes = new CopyOnWriteArrayList<>();
    private volatile int failuresToGo;

    void failNext(int count) {
        failuresToGo = count;
    }

    List<Envelope> all() {
        return List.copyOf(envelopes);
    }

    List<Envelope> named(String fileName) {
        return envelopes.stream().filter(e -> fileName.equals(e.header("swFileName"))).toList();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Object body = exchange.getIn().getBody();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        java.io.ByteArrayOutputStream small = new java.io.ByteArrayOutputStream();
        long size = 0;
        // Read to the end without closing, as a JMS producer does: the channel owns the stream.
        InputStream in = (InputStream) body;
        {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                if (size < 1024 * 1024) {
                    small.write(buffer, 0, n);
                }
                size += n;
            }
        }
        Map<String, Object> headers = new TreeMap<>(exchange.getIn().getHeaders());
        if (failuresToGo > 0) {
            failuresToGo--;
            envelopes.add(new Envelope(headers, small.toByteArray(), size, HexFormat.of().formatHex(sha.digest()),
                    body.getClass().getName() + " (failed hand-over)"));
            throw new IllegalStateException("intake unavailable (test)");
        }
        envelopes.add(new Envelope(headers, small.toByteArray(), size, HexFormat.of().formatHex(sha.digest()),
                body.getClass().getName()));
    }
}

package kz.gov.safework.hub.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The one client both systems are driven with: Artemis CORE JMS, {@code producers} threads sending persistent
 * messages to {@code reports.in} (JSON as text, XML as bytes), at most {@code inFlight} documents sent and not yet
 * answered, and one listener on the receipts queue matching each answer to its send by JMSCorrelationID.
 */
public final class Driver implements AutoCloseable {
    private static final Pattern ACCEPTED = Pattern.compile("\"status\"\\s*:\\s*\"ACCEPTED\"");
    private final ActiveMQConnectionFactory factory;
    private final String user;
    private final String password;
    private final Connection receipts;
    private final boolean receiptsAreJson;
    private volatile Phase current;

    /** @param receiptsAreJson answers are hub receipts (counted as accepted only when they say so) */
    public Driver(String brokerUrl, String user, String password, String receiptsQueue, boolean receiptsAreJson)
            throws JMSException {
        this.receiptsAreJson = receiptsAreJson;
        this.factory = new ActiveMQConnectionFactory(brokerUrl);
        this.user = user;
        this.password = password;
        this.receipts = factory.createConnection(user, password);
        Session session = receipts.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        session.createConsumer(session.createQueue(receiptsQueue)).setMessageListener(this::answered);
        receipts.start();
    }

    /** One measured run; {@code rate} documents/s in total, or 0 for as fast as the window allows. */
    public record Load(Documents documents, int producers, int inFlight, double rate, Duration duration) {
    }

    public record Result(Load load, int sent, int answered, int accepted, double seconds, long[] latencyNanos) {
        public double documentsPerSecond() {
            return seconds > 0 ? answered / seconds : 0;
        }

        /** Latency percentile in milliseconds (p in 0..100). */
        public double percentileMillis(double p) {
            if (latencyNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latencyNanos.length) - 1;
            return latencyNanos[Math.max(0, Math.min(latencyNanos.length - 1, index))] / 1e6;
        }
    }

    /** Sends for {@code load.duration()}, then waits (up to {@code drain}) for every answer. */
    public Result run(Load load, Duration drain) throws Exception {
        Phase phase = new Phase(load);
        current = phase;
        List<Thread> threads = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + load.duration().toNanos();
        for (int i = 0; i < load.producers(); i++) {
            Connection connection = factory.createConnection(user, password);
            connections.add(connection);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(RawBroker.IN));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Thread t = new Thread(() -> phase.produce(session, producer, start, end), "bench-producer-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        phase.window.tryAcquire(load.inFlight(), drain.toMillis(), TimeUnit.MILLISECONDS);
        for (Connection c : connections) {
            c.close();
        }
        current = null;
        long last = phase.lastAnswer.get();
        double seconds = last > start ? (last - start) / 1e9 : 0;
        long[] latencies = Arrays.copyOf(phase.latencies, Math.min(phase.recorded.get(), phase.latencies.length));
        Arrays.sort(latencies);
        return new Result(load, phase.sent.get(), phase.answered.get(), phase.accepted.get(), seconds, latencies);
    }

    private void answered(Message message) {
        long now = System.nanoTime();
        Phase phase = current;
        if (phase == null) {
            return;
        }
        try {
            phase.answer(message.getJMSCorrelationID(), accepted(message), now);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A hub receipt says ACCEPTED; the raw broker's answer is the document itself and counts as accepted. */
    private boolean accepted(Message message) throws JMSException {
        return !receiptsAreJson || message instanceof TextMessage text && ACCEPTED.matcher(text.getText()).find();
    }

    @Override
    public void close() throws JMSException {
        receipts.close();
    }

    /** The state of one run, shared by its producer threads and the receipt listener. */
    private static final class Phase {
        private static final int MAX_SAMPLES = 1 << 20;
        final Load load;
        final Semaphore window;
        /** Send time (or, for an answer that overtook its send's return, the answer time negated) per message id. */
        final Map<String, long[]> pending = new ConcurrentHashMap<>();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger recorded = new AtomicInteger();
        final AtomicLong lastAnswer = new AtomicLong();
        final AtomicLong slots = new AtomicLong();
        final long[] latencies = new long[MAX_SAMPLES];

        Phase(Load load) {
            this.load = load;
            this.window = new Semaphore(load.inFlight());
        }

        void produce(Session session, MessageProducer producer, long start, long end) {
            long interval = load.rate() > 0 ? (long) (1e9 / load.rate()) : 0;
            try {
                while (System.nanoTime() < end) {
                    long due = 0;
                    if (interval > 0) {
                        // Open-loop pacing: latency counts from the slot a send was due, so a stalled send is not hidden.
                        due = start + slots.getAndIncrement() * interval;
                        if (due >= end) {
                            return;
                        }
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    if (!window.tryAcquire(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        return;
                    }
                    if (interval == 0) {
                        // Closed loop: from the moment the window lets the document go.
                        due = System.nanoTime();
                    }
                    Message message = message(session);
                    producer.send(message);
                    sent.incrementAndGet();
                    sendReturned(message.getJMSMessageID(), due);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (JMSException e) {
                throw new IllegalStateException("send failed", e);
            }
        }

        private Message message(Session session) throws JMSException {
            String body = load.documents().next();
            if (!load.documents().xml()) {
                return session.createTextMessage(body);
            }
            BytesMessage bytes = session.createBytesMessage();
            bytes.writeBytes(body.getBytes(StandardCharsets.UTF_8));
            return bytes;
        }

        private void sendReturned(String id, long due) {
            long[] answer = new long[1];
            pending.compute(id, (k, v) -> {
                if (v == null) {
                    return new long[] {due};
                }
                answer[0] = v[0];
                return null;
            });
            if (answer[0] != 0) {
                record(-answer[0] - due);
            }
        }

        void answer(String id, boolean ok, long now) {
            if (id == null) {
                return;
            }
            long[] sentAt = new long[1];
            pending.compute(id, (k, v) -> {
                if (v == null) {
                    return new long[] {-now};
                }
                sentAt[0] = v[0];
                return null;
            });
            answered.incrementAndGet();
            if (ok) {
                accepted.incrementAndGet();
            }
            lastAnswer.accumulateAndGet(now, Math::max);
            if (sentAt[0] != 0) {
                record(now - sentAt[0]);
            }
            window.release();
        }

        private void record(long nanos) {
            int i = recorded.getAndIncrement();
            if (i < latencies.length) {
                latencies[i] = nanos;
            }
        }
    }
}

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Sends one document to the hub's {@code reports.in} and prints its receipt: an agency's system in one file, on the
 * Artemis JMS client (CORE protocol) that ships in the hub's {@code lib/}. Run it from the checkout, in Java 17's
 * source-file mode:
 *
 * <pre>
 * java -cp 'hub/target/lib/*' examples/clients/QueueClient.java [--host H] [--port P] [--login L] [--wait S] DOCUMENT
 * </pre>
 *
 * Options default to the environment (HUB_HOST, HUB_BROKER_PORT, AGENCY_LOGIN, RECEIPT_WAIT_SECONDS), then to the
 * README's Run: 127.0.0.1, 61616, mz, 60. The password comes from AGENCY_PASSWORD, never from the command line (where
 * {@code ps} shows it); without it, the login's demo password from {@code config/demo-credentials.properties} in the
 * working directory is used.
 *
 * <p>The document's bytes go as they are (a BytesMessage, persistent). The receipt on {@code receipts.<CODE>} carries
 * the report's JMSMessageID as its JMSCorrelationID; a selector on it takes only this document's receipt. The receipt
 * JSON goes to stdout, progress to stderr. Exit 0 with a receipt (whatever its status), 1 without one, 2 on wrong
 * usage.
 */
public final class QueueClient {
    private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** A host name or address only: anything else (a '?' or '&') would become part of the connection URL. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]");
    private static final Path DEMO_CREDENTIALS = Path.of("config", "demo-credentials.properties");

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (Usage e) {
            System.err.println("QueueClient: " + e.getMessage());
            System.err.println("usage: java -cp 'hub/target/lib/*' examples/clients/QueueClient.java"
                    + " [--host H] [--port P] [--login L] [--wait SECONDS] DOCUMENT");
            System.exit(2);
        } catch (Failure e) {
            System.err.println("QueueClient: " + e.getMessage());
            System.exit(1);
        }
    }

    private static int run(String[] args) throws Usage, Failure {
        String host = env("HUB_HOST", "127.0.0.1");
        String port = env("HUB_BROKER_PORT", "61616");
        String login = env("AGENCY_LOGIN", "mz");
        String wait = env("RECEIPT_WAIT_SECONDS", "60");
        Path document = null;
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.pop();
            switch (arg) {
                case "--host" -> host = value(arg, rest);
                case "--port" -> port = value(arg, rest);
                case "--login" -> login = value(arg, rest);
                case "--wait" -> wait = value(arg, rest);
                default -> {
                    if (arg.startsWith("-") || document != null) {
                        throw new Usage("unexpected argument " + arg);
                    }
                    document = Path.of(arg);
                }
            }
        }
        if (document == null) {
            throw new Usage("no DOCUMENT given");
        }
        if (!HOST.matcher(host).matches()) {
            throw new Usage("--host is a host name or an address");
        }
        if (!LOGIN.matcher(login).matches()) {
            throw new Usage("--login is an agency code in lower case (letters, digits, '-')");
        }
        int portNumber = number("--port", port);
        long waitMillis = number("--wait", wait) * 1000L;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(document);
        } catch (IOException e) {
            throw new Failure("cannot read the document: " + e);
        }
        String receipt = send(host, portNumber, login, password(login), bytes, waitMillis);
        System.out.println(receipt);
        return 0;
    }

    private static String send(String host, int port, String login, String password, byte[] document, long waitMillis)
            throws Failure {
        String queue = "receipts." + login.toUpperCase(java.util.Locale.ROOT);
        // One connection attempt, no reconnection: a client that is told "no" should say so, not retry quietly.
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                "tcp://" + host + ":" + port + "?initialConnectAttempts=1&reconnectAttempts=0");
             Connection connection = factory.createConnection(login, password)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(document);
            try (MessageProducer producer = session.createProducer(session.createQueue("reports.in"))) {
                producer.send(message); // persistent by default: a broker restart does not lose it
            }
            String id = message.getJMSMessageID();
            System.err.printf("sent %d bytes to reports.in as %s, JMSMessageID %s; waiting up to %ds for the receipt"
                    + " on %s%n", document.length, login, id, waitMillis / 1000, queue);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue),
                    "JMSCorrelationID = '" + id + "'")) {
                Message receipt = consumer.receive(waitMillis);
                if (receipt == null) {
                    throw new Failure("no receipt on " + queue + " within " + waitMillis / 1000 + "s");
                }
                return text(receipt);
            }
        } catch (JMSException e) {
            throw new Failure("the broker at " + host + ":" + port + " refused or failed: " + e.getMessage());
        }
    }

    private static String text(Message receipt) throws JMSException {
        if (receipt instanceof TextMessage text) {
            return text.getText();
        }
        if (receipt instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            return new String(body, StandardCharsets.UTF_8);
        }
        throw new JMSException("a receipt that is neither text nor bytes: " + receipt.getClass().getName());
    }

    private static String password(String login) throws Failure {
        String password = System.getenv("AGENCY_PASSWORD");
        if (password != null) {
            return password;
        }
        if (Files.isRegularFile(DEMO_CREDENTIALS)) {
            Properties demo = new Properties();
            try (Reader reader = Files.newBufferedReader(DEMO_CREDENTIALS, StandardCharsets.UTF_8)) {
                demo.load(reader);
            } catch (IOException e) {
                throw new Failure("cannot read " + DEMO_CREDENTIALS + ": " + e);
            }
            if (demo.getProperty(login) != null) {
                System.err.println("using " + login + "'s demo password from " + DEMO_CREDENTIALS);
                return demo.getProperty(login);
            }
        }
        throw new Failure("set AGENCY_PASSWORD to " + login + "'s password");
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? otherwise : value;
    }

    private static String value(String option, Deque<String> rest) throws Usage {
        if (rest.isEmpty()) {
            throw new Usage(option + " needs a value");
        }
        return rest.pop();
    }

    private static int number(String option, String value) throws Usage {
        try {
            int n = Integer.parseInt(value);
            if (n > 0 && n <= 65535) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Usage(option + " is a whole number from 1 to 65535: " + value);
    }

    /** Wrong usage: exit 2. */
    private static final class Usage extends Exception {
        Usage(String message) {
            super(message);
        }
    }

    /** No receipt: exit 1. */
    private static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }
}

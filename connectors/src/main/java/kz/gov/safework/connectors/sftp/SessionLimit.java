package kz.gov.safework.connectors.sftp;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hub.sftp.max-sessions}: connections beyond it are closed as soon as they open, before key exchange or
 * login cost the hub anything. (MINA's {@code max-concurrent-sessions} bounds only the sessions of one login, after
 * it logged in.)
 */
final class SessionLimit implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLimit.class);

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    SessionLimit(int max) {
        this.max = max;
    }

    @Override
    public void sessionCreated(Session session) {
        int now = open.incrementAndGet();
        if (now > max) {
            LOG.info("SFTP connection from {} refused: {} sessions open, at most {} (hub.sftp.max-sessions)",
                    session.getIoSession().getRemoteAddress(), now - 1, max);
            session.close(true);
        }
    }

    @Override
    public void sessionClosed(Session session) {
        open.decrementAndGet();
    }

    int open() {
        return open.get();
    }
}

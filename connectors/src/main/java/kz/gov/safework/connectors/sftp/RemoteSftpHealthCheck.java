package kz.gov.safework.connectors.sftp;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Health of one agency's SFTP server as the last poll saw it: {@code sftp-remote-<CODE>}. */
public final class RemoteSftpHealthCheck extends AbstractHealthCheck {
    private final RemotePollWatch watch;

    public RemoteSftpHealthCheck(RemotePollWatch watch) {
        super("sftp-remote", "sftp-remote-" + watch.agency().code());
        this.watch = watch;
    }

    /** A remote server being down is the agency's problem, not a reason to restart the hub. */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("agency", watch.agency().code());
        builder.detail("server", watch.server());
        RemotePollWatch.State state = watch.state();
        if (state == null) {
            builder.message("not polled yet").unknown();
        } else if (state.error() == null) {
            builder.detail("lastPoll", state.at().toString()).up();
        } else {
            builder.detail("lastPoll", state.at().toString())
                    .detail("failuresInARow", state.failuresInARow())
                    .message("SFTP server of " + watch.agency().code() + " unreachable: " + state.error())
                    .down();
        }
    }
}

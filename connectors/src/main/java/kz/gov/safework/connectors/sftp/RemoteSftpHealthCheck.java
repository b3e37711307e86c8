package kz.gov.safework.connectors.sftp;

import kz.gov.safework.connectors.common.PolledSourceHealthCheck;
import kz.gov.safework.connectors.common.SourcePoll;
import kz.gov.safework.contract.reference.Agency;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Health of one agency's SFTP server as the last poll saw it: {@code sftp-remote-<CODE>}. Readiness only: a remote
 * server being down is the agency's problem, not a reason to restart the hub.
 */
public final class RemoteSftpHealthCheck extends PolledSourceHealthCheck {
    private final Agency agency;
    private final String server;

    /** @param server where the agency's server is, {@code user@host:port} */
    public RemoteSftpHealthCheck(Agency agency, String server, SourcePoll poll) {
        super("sftp-remote", "sftp-remote-" + agency.code(), poll, "SFTP server of " + agency.code());
        this.agency = agency;
        this.server = server;
    }

    @Override
    protected void details(HealthCheckResultBuilder builder) {
        builder.detail("agency", agency.code());
        builder.detail("server", server);
    }
}

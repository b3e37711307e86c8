package kz.gov.safework.connectors.sftp;

import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code sftp-keys}: DOWN while any key file of the drop box is refused, naming the file, line and reason;
 * the other agencies' keys and every channel keep working. Reading the check re-reads a changed folder.
 * Part of {@code /observe/health}, not of liveness or readiness.
 */
public final class SftpKeysHealthCheck extends AbstractHealthCheck {
    public static final String ID = "sftp-keys";

    private final AuthorizedKeys keys;

    public SftpKeysHealthCheck(AuthorizedKeys keys) {
        super("sftp", ID);
        this.keys = keys;
    }

    /** One agency's broken key file is no reason to restart the hub... */
    @Override
    public boolean isLiveness() {
        return false;
    }

    /** ...nor to take it out of service: every other agency and channel works. It shows in the full health. */
    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        AuthorizedKeys.Snapshot snapshot = keys.current();
        builder.detail("folder", keys.folder().toString());
        builder.detail("agenciesWithKeys", snapshot.keys().size());
        if (snapshot.problems().isEmpty()) {
            builder.up();
        } else {
            builder.message("SFTP key file(s) refused, key logins of their agencies refused: "
                    + snapshot.problems().stream().map(AuthorizedKeys.Problem::describe)
                            .collect(Collectors.joining("; ")))
                    .down();
        }
    }
}

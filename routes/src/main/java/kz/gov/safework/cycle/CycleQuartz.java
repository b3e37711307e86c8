package kz.gov.safework.cycle;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import kz.gov.safework.store.LeaseClusterService;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.quartz.QuartzConstants;
import org.apache.camel.component.quartz.QuartzHelper;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Puts camel-quartz on a persistent JDBC job store in the hub's own database (tables of V11), so triggers
 * and their misfire state survive restarts, clustered so that hub instances sharing the database fire each
 * trigger once, on one of them (camel-quartz neither pauses nor deletes a clustered trigger when one stops). One portable schema and Quartz's PostgreSQLDelegate serve
 * both H2 and PostgreSQL. Job data is stored as properties (strings), never Java-serialised, which keeps
 * {@code jdk.serialFilter=!*} intact.
 *
 * <p>Quartz endpoints on this store need {@code deleteJob=false&recoverableJob=true}: the first keeps the
 * trigger in the database over a graceful stop, the second lets camel-quartz take over the stored
 * trigger on start instead of refusing it as a duplicate. The scheduler's instance name is fixed (it keys
 * the rows), so it does not depend on the Camel context name; stored jobs are adopted by the running
 * context on start ({@link #adoptStoredJobs}).
 */
public final class CycleQuartz {
    /** The name Quartz knows the hub's data source by (its own registry, not Camel's). */
    static final String DATA_SOURCE = "cycleQuartzDataSource";
    public static final String SCHEDULER_NAME = "safework-hub";
    /** Quartz group of the cycle's triggers ({@code quartz://cycle/...}). */
    public static final String TRIGGER_GROUP = "cycle";
    /** Options every cycle trigger carries when the JDBC store is on. */
    public static final String ENDPOINT_OPTIONS = "stateful=true&deleteJob=false&recoverableJob=true";

    public static void useJdbcStore(CamelContext context, DataSource dataSource) {
        registerDataSource(dataSource);
        Properties p = properties(LeaseClusterService.instanceId(context));
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        quartz.setPrefixInstanceName(false);
        quartz.setProperties(p);
        try {
            context.addStartupListener(new StartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                    // routes may not be running yet: wait for fully started
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted)
                        throws SchedulerException {
                    adoptStoredJobs(quartz.getScheduler(), started);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the Quartz resume listener", e);
        }
    }

    /** Makes {@code dataSource} the one Quartz' JDBC store reaches by {@link #DATA_SOURCE}. */
    static void registerDataSource(DataSource dataSource) {
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
                // the hub owns the pool
            }

            @Override
            public void initialize() {
                // nothing to set up
            }
        });
    }

    /** The scheduler's settings on the JDBC store, for the hub instance {@code instanceId}. */
    static Properties properties(String instanceId) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        // Clustered: hub instances sharing the database share the triggers, and each firing runs on one of them
        // (Quartz locks QRTZ_LOCKS' rows); a dead instance's recoverable job is run again by another after
        // clusterCheckinInterval.
        p.setProperty("org.quartz.scheduler.instanceId", instanceId);
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "15000");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        return p;
    }

    /**
     * A stored trigger is taken over as it is: camel-quartz neither resumes it (it paused it when its
     * route stopped) nor updates the Camel context name in the stored job, which the job needs to find
     * its route. So both are done here, once the routes run, for the cycle's group.
     */
    static void adoptStoredJobs(Scheduler scheduler, CamelContext context) throws SchedulerException {
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(TRIGGER_GROUP))) {
            JobDetail job = scheduler.getJobDetail(key);
            String name = QuartzHelper.getQuartzContextName(context);
            if (job != null && !name.equals(job.getJobDataMap().getString(QuartzConstants.QUARTZ_CAMEL_CONTEXT_NAME))) {
                job.getJobDataMap().put(QuartzConstants.QUARTZ_CAMEL_CONTEXT_NAME, name);
                scheduler.addJob(job, true, true);
            }
        }
        scheduler.resumeTriggers(GroupMatcher.triggerGroupEquals(TRIGGER_GROUP));
    }

    private CycleQuartz() {
    }
}

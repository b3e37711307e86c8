package kz.gov.safework.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Two hub instances on one database share the cycle's scheduled jobs through Quartz' clustered JDBC store (issue 12):
 * two schedulers with {@link CycleQuartz}'s own settings and distinct instance ids fire two every-second triggers,
 * each due time once, on one of them (which one is Quartz' choice: the test prints how many each ran). Then the
 * instance that fired last stops abruptly ({@code shutdown(false)}: no check-in any more, the trigger it had acquired
 * left as it was) and the other goes on firing every due time once, including those of the trigger the stopped one
 * held, which it recovers once that one's check-in is overdue (CycleQuartz' 15 s interval) and runs late.
 * Runs on H2, and on PostgreSQL with {@code -Dcycle.test.postgres} ({@code .ci/cycle.sh}); both take Quartz' row locks
 * with SELECT ... FOR UPDATE.
 */
class ClusteredQuartzTest {
    private static final String GROUP = "cluster-test";
    private static final List<String> TRIGGERS = List.of("every-second-a", "every-second-b");
    private static final Queue<Fire> FIRES = new ConcurrentLinkedQueue<>();

    /** One execution: which trigger, for which due time, on which instance, when. */
    record Fire(String trigger, Instant due, String instance, Instant ran) {
        boolean late() {
            return ran.isAfter(due.plusSeconds(2));
        }
    }

    /** Records its execution; not concurrent with itself, as the hub's {@code stateful=true} jobs. */
    @DisallowConcurrentExecution
    public static final class RecordingJob implements Job {
        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            try {
                FIRES.add(new Fire(context.getTrigger().getKey().getName(),
                        context.getScheduledFireTime().toInstant(), context.getScheduler().getSchedulerInstanceId(),
                        Instant.now()));
            } catch (SchedulerException e) {
                throw new JobExecutionException(e);
            }
        }
    }

    @Test
    void eachDueTimeFiresOnceOnOneInstanceAndTheSurvivorTakesOverAfterAnAbruptStop() throws Exception {
        FIRES.clear();
        StoreFixture db = new StoreFixture("clustered_quartz");
        CycleQuartz.registerDataSource(db.dataSource);
        Scheduler one = scheduler("hub-1");
        Scheduler two = scheduler("hub-2");
        try {
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
            for (String name : TRIGGERS) {
                // requestRecovery: what camel-quartz's recoverableJob=true sets on the hub's jobs
                one.scheduleJob(JobBuilder.newJob(RecordingJob.class).withIdentity(name, GROUP).requestRecovery(true)
                                .build(),
                        TriggerBuilder.newTrigger().withIdentity(name, GROUP).startAt(Date.from(start))
                                .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(1)).build());
            }
            one.start();
            two.start();
            await().atMost(Duration.ofMinutes(1)).until(() -> FIRES.size() >= 8);
            // Both instances are members of the cluster (checked in); which of them fires is Quartz' choice.
            assertThat(db.count("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = '"
                    + CycleQuartz.SCHEDULER_NAME + "' AND INSTANCE_NAME IN ('hub-1', 'hub-2')"))
                    .as("both instances checked in").isEqualTo(2);

            // The instance that fired last stops abruptly, likely holding the next due time of a trigger.
            Fire last = FIRES.stream().max(Comparator.comparing(Fire::ran)).orElseThrow();
            Scheduler victim = last.instance().equals("hub-1") ? one : two;
            String survivor = last.instance().equals("hub-1") ? "hub-2" : "hub-1";
            Instant stopped = Instant.now();
            victim.shutdown(false);
            Map<String, Long> beforeStop = perInstance(List.copyOf(FIRES));
            // The survivor fires each trigger's due times some seconds after the stop.
            await().atMost(Duration.ofMinutes(2)).until(() -> TRIGGERS.stream().allMatch(t -> FIRES.stream()
                    .anyMatch(f -> f.trigger().equals(t) && f.due().isAfter(stopped.plusSeconds(3)))));
            (victim == one ? two : one).shutdown(true);

            List<Fire> fires = List.copyOf(FIRES);
            for (String trigger : TRIGGERS) {
                List<Instant> due = fires.stream().filter(f -> f.trigger().equals(trigger)).map(Fire::due).sorted()
                        .toList();
                assertThat(due).as(trigger + ": every due time from the start to the last, each once")
                        .containsExactlyElementsOf(everySecond(start, due.get(due.size() - 1)));
            }
            assertThat(fires).filteredOn(f -> f.due().isAfter(stopped.plusSeconds(1)))
                    .as("due after the stop: all on " + survivor).isNotEmpty()
                    .allMatch(f -> f.instance().equals(survivor));
            System.out.printf("CLUSTERED-QUARTZ on %s: fires per instance before %s's abrupt stop %s, in all %s"
                            + " (%d due times of %d triggers, each once; %d of them run late by the survivor)%n",
                    System.getProperty("cycle.test.postgres", "").isBlank() ? "H2" : "PostgreSQL", last.instance(),
                    beforeStop, perInstance(fires), fires.size(), TRIGGERS.size(),
                    fires.stream().filter(Fire::late).count());
        } finally {
            one.shutdown(false);
            two.shutdown(false);
        }
    }

    /**
     * A scheduler of its own for {@code instanceId}. StdSchedulerFactory hands out the scheduler already made under
     * a name in this JVM; hub instances are JVMs of their own, so the made one is taken out of its registry.
     */
    private static Scheduler scheduler(String instanceId) throws SchedulerException {
        Scheduler scheduler = new StdSchedulerFactory(CycleQuartz.properties(instanceId)).getScheduler();
        SchedulerRepository.getInstance().remove(CycleQuartz.SCHEDULER_NAME);
        return scheduler;
    }

    private static Map<String, Long> perInstance(List<Fire> fires) {
        return new TreeMap<>(fires.stream().collect(Collectors.groupingBy(Fire::instance, Collectors.counting())));
    }

    private static List<Instant> everySecond(Instant from, Instant to) {
        List<Instant> times = new ArrayList<>();
        for (Instant t = from; !t.isAfter(to); t = t.plusSeconds(1)) {
            times.add(t);
        }
        return times;
    }
}

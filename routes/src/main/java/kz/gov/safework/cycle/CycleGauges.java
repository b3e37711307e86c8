package kz.gov.safework.cycle;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import kz.gov.safework.contract.reference.Plan;

/**
 * The campaign as operators' alerts see it, per plan and reporting year that is owed: how many agencies still owe at
 * least one item ({@code hub_cycle_missing{plan,year}}) and how many days are left until the agencies' due date
 * ({@code hub_cycle_days_left{plan,year}}, negative once it has passed). Computed on a timer from the matrix
 * ({@link YearState#outstanding()}), so a scrape never queries the database.
 */
public final class CycleGauges {
    /** Prometheus {@code hub_cycle_missing{plan,year}}: agencies that still owe at least one item of the year. */
    public static final String MISSING = "hub.cycle.missing";
    /** Prometheus {@code hub_cycle_days_left{plan,year}}: days until the agencies' due date (negative after it). */
    public static final String DAYS_LEFT = "hub.cycle.days.left";
    public static final String TAG_PLAN = "plan";
    public static final String TAG_YEAR = "year";

    private final CycleData data;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

    public CycleGauges(CycleData data, MeterRegistry registry) {
        this.data = data;
        this.registry = registry;
    }

    /** Reads the matrix of every owed year of every plan and sets both gauges. */
    public void refresh() {
        for (Plan plan : data.reference().plans()) {
            if (plan.reporting() == null) {
                continue;
            }
            for (int year = plan.firstReportingYear(); year <= plan.lastReportingYear(); year++) {
                if (!Obligations.yearOwed(plan, year)) {
                    continue;
                }
                gauge(MISSING, "Agencies that still owe at least one item of the plan's reporting year", plan, year)
                        .set(data.state(plan, year).outstanding(false).size()); // the bodies that must report
                gauge(DAYS_LEFT, "Days until the agencies' due date of the reporting year (negative after it)",
                        plan, year).set(data.daysLeft(plan, year));
            }
        }
    }

    private AtomicLong gauge(String name, String description, Plan plan, int year) {
        return values.computeIfAbsent(name + '|' + plan.id() + '|' + year, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::doubleValue)
                    .description(description)
                    .tag(TAG_PLAN, plan.id())
                    .tag(TAG_YEAR, Integer.toString(year))
                    .register(registry);
            return value;
        });
    }
}

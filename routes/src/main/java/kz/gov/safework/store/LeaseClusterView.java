package kz.gov.safework.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import kz.gov.safework.contract.LogText;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelPreemptiveClusterView;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One namespace of the {@link LeaseClusterService}: on every tick the instance takes or renews the namespace's
 * lease, or learns who holds it, and tells the listeners ({@link LeaderRoutePolicy}) who leads, on every tick.
 * Disabled ({@link CamelPreemptiveClusterView}), it gives the lease up and takes it no more.
 */
public final class LeaseClusterView extends AbstractCamelClusterView implements CamelPreemptiveClusterView {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseClusterView.class);

    private final LeaseClusterService service;
    private final Leases leases;
    private final String instance;
    private volatile boolean leader;
    private volatile Optional<String> leaderId = Optional.empty();
    private volatile boolean disabled;
    private boolean failing;
    private ScheduledFuture<?> ticking;

    LeaseClusterView(LeaseClusterService service, String namespace, Leases leases) {
        super(service, namespace);
        this.service = service;
        this.leases = leases;
        this.instance = service.getId();
    }

    /**
     * The first tick runs now, so the leader is known when the view is handed out (the routes it governs then start
     * with the Camel context, not a moment after it said it was healthy); the next ones on the service's timer.
     */
    @Override
    protected void doStart() {
        tick();
        ticking = service.every(this::tick);
    }

    /**
     * A listener added after the view learned its leader hears who it is at once, not a tick later.
     */
    @Override
    public void addEventListener(CamelClusterEventListener listener) {
        super.addEventListener(listener);
        Optional<String> known = leaderId;
        if (listener instanceof CamelClusterEventListener.Leadership leadership && known.isPresent()) {
            leadership.leadershipChanged(this, member(known.get()));
        }
    }

    @Override
    protected void doStop() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
        stepDown(true);
    }

    /** Takes or renews the lease, or reads who has it; a database failure makes this instance step down. */
    synchronized void tick() {
        if (disabled) {
            return;
        }
        try {
            boolean held = leases.acquire(getNamespace(), instance);
            update(held, held ? Optional.of(instance) : leases.holder(getNamespace()));
            if (failing) {
                LOG.info("Cluster lease {}: the database answers again", getNamespace());
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Cluster lease {}: cannot reach the database, not running its singleton: {}", getNamespace(),
                        LogText.quote(String.valueOf(e.getMessage())));
                failing = true;
            }
            update(false, Optional.empty());
        }
    }

    private void update(boolean held, Optional<String> current) {
        boolean changed = held != leader || !current.equals(leaderId);
        if (held != leader) {
            LOG.info("Cluster lease {}: instance {} {}", getNamespace(), LogText.quote(instance),
                    held ? "now runs this singleton" : "no longer runs this singleton");
        }
        leader = held;
        leaderId = current;
        if (changed) {
            LOG.debug("Cluster lease {}: leader now {}", getNamespace(), current);
        }
        // on every tick, changed or not: a LeaderRoutePolicy compares its route with the lead each time, so a start or
        // stop that failed is tried again on the next tick
        fireLeadershipChangedEvent(current.map(this::member));
    }

    private synchronized void stepDown(boolean release) {
        if (leader && release) {
            try {
                leases.release(getNamespace(), instance);
            } catch (RuntimeException e) {
                LOG.info("Cluster lease {}: not released ({}), it expires instead", getNamespace(),
                        LogText.quote(String.valueOf(e.getMessage())));
            }
        }
        update(false, Optional.empty());
    }

    @Override
    public void setDisabled(boolean disabled) {
        this.disabled = disabled;
        if (disabled) {
            stepDown(true);
        }
    }

    @Override
    public boolean isDisabled() {
        return disabled;
    }

    boolean isLeader() {
        return leader;
    }

    @Override
    public Optional<CamelClusterMember> getLeader() {
        return leaderId.map(this::member);
    }

    @Override
    public CamelClusterMember getLocalMember() {
        return member(instance);
    }

    @Override
    public List<CamelClusterMember> getMembers() {
        List<CamelClusterMember> members = new ArrayList<>();
        members.add(getLocalMember());
        leaderId.filter(id -> !id.equals(instance)).map(this::member).ifPresent(members::add);
        return members;
    }

    private CamelClusterMember member(String id) {
        return new Member(id, id.equals(instance), id.equals(instance) ? leader : leaderId.filter(id::equals).isPresent());
    }

    private record Member(String id, boolean local, boolean leading) implements CamelClusterMember {
        @Override
        public String getId() {
            return id;
        }

        @Override
        public boolean isLocal() {
            return local;
        }

        @Override
        public boolean isLeader() {
            return leading;
        }
    }

    @Override
    public String toString() {
        return "LeaseClusterView[" + getNamespace() + " on " + Objects.toString(instance) + "]";
    }
}

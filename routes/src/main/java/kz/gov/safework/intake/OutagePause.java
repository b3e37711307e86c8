package kz.gov.safework.intake;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import kz.gov.safework.store.OutageException;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses a route's consumer when an exchange fails for an outage of the store ({@link OutageException}) and starts
 * it again once a check, every {@code checkMillis}, says the store is back; the documents wait on their queue
 * meanwhile. One pause at a time, however many consumers fail together, and checks until one passes.
 *
 * <p>Camel's circuit-breaker policy ({@code ThrottlingExceptionRoutePolicy}) did this before and could stay open for
 * ever (Camel 4.18): two consumers failing at once both opened the circuit, the second opening moved its open time
 * and replaced its timer, and the first timer then cancelled the second and, finding the open time too recent,
 * scheduled no other. ReadinessDatabaseIT saw it: the database back, no receipt, the hub's log silent.
 */
final class OutagePause extends RoutePolicySupport {
    private static final Logger LOG = LoggerFactory.getLogger(OutagePause.class);

    private final BooleanSupplier storeBack;
    private final long checkMillis;
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> checking;

    /** @param storeBack whether the consumer may take documents again (asked on the check's own thread) */
    OutagePause(BooleanSupplier storeBack, long checkMillis) {
        this.storeBack = storeBack;
        this.checkMillis = checkMillis;
    }

    @Override
    public void onInit(Route route) {
        super.onInit(route);
        timer = route.getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "outage-check-" + route.getRouteId());
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        if (failedForOutage(exchange)) {
            pause(route);
        }
    }

    /** Whether the consumer is paused, waiting for the store. */
    synchronized boolean paused() {
        return checking != null;
    }

    private synchronized void pause(Route route) {
        if (checking != null) {
            return;
        }
        try {
            suspendOrStopConsumer(route.getConsumer());
        } catch (Exception e) {
            handleException(e);
        }
        checking = timer.scheduleWithFixedDelay(() -> check(route), checkMillis, checkMillis, TimeUnit.MILLISECONDS);
        LOG.warn("Route {} paused: the store is not answering; documents wait on the queue", route.getRouteId());
    }

    private void check(Route route) {
        if (!storeBack.getAsBoolean()) {
            return;
        }
        synchronized (this) {
            if (checking == null) {
                return; // the route was stopped meanwhile (onStop): its consumer must stay as the stop left it
            }
            try {
                resumeOrStartConsumer(route.getConsumer());
            } catch (Exception e) {
                LOG.warn("Route {}: the store is back but the consumer did not start ({}); next check in {} ms",
                        route.getRouteId(), e, checkMillis);
                return;
            }
            checking.cancel(false);
            checking = null;
        }
        LOG.info("Route {} takes documents again: the store answers", route.getRouteId());
    }

    @Override
    public synchronized void onStop(Route route) {
        if (checking != null) {
            checking.cancel(false);
            checking = null;
        }
    }

    /** The failure on the exchange, or the one an error handler caught, is an outage or caused by one. */
    private static boolean failedForOutage(Exchange exchange) {
        return exchange.getException(OutageException.class) != null || ObjectHelper.getException(
                OutageException.class, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)) != null;
    }
}

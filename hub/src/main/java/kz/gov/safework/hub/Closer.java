package kz.gov.safework.hub;

import org.apache.camel.support.service.ServiceSupport;

/** Lets Camel close a resource on shutdown, in order with its other services. */
final class Closer extends ServiceSupport {
    private final String name;
    private final Runnable close;

    Closer(String name, Runnable close) {
        this.name = name;
        this.close = close;
    }

    @Override
    protected void doStop() {
        close.run();
    }

    @Override
    public String toString() {
        return "Closer[" + name + "]";
    }
}

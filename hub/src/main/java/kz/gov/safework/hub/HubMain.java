package kz.gov.safework.hub;

import org.apache.camel.main.Main;

public final class HubMain {
    public static void main(String[] args) throws Exception {
        Main main = new Main(HubMain.class);
        main.run(args);
    }
}

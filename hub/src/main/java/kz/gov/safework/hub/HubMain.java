package kz.gov.safework.hub;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.main.Main;

/**
 * Starts the hub: Camel Main with the configuration in {@code <config dir>/application.properties}.
 * The config dir is {@code hub.config-dir} (system property or HUB_CONFIG_DIR), else {@code ./config},
 * else the {@code config/} of the checkout the jar was built in, so the jar starts from any directory.
 * {@code credentials set <login>} instead writes a hashed password into the credentials file
 * ({@link CredentialsCommand}); {@code verify <receipt>} checks the hub's signature over a receipt ({@link VerifyCommand}).
 */
public final class HubMain {

    public static void main(String[] args) throws Exception {
        System.setProperty("jdk.serialFilter", System.getProperty("jdk.serialFilter", "!*"));
        // Text logs by default, JSON with -Dhub.log.format=json or HUB_LOG_FORMAT=json (read by the config).
        System.setProperty("log4j2.configurationFile",
                System.getProperty("log4j2.configurationFile", "classpath:log4j2-hub.xml"));
        if (args.length > 0 && args[0].equals("credentials")) {
            System.exit(CredentialsCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), configDir(),
                    System.in, System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("verify")) {
            // The Government verifies with a saved JWK set and no hub configuration at all.
            Path config;
            try {
                config = configDir();
            } catch (IllegalStateException e) {
                config = Path.of("config");
            }
            System.exit(VerifyCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), config,
                    System.out, System.err));
        }
        Main main = create(configDir());
        try {
            main.run(args);
        } catch (Exception | Error e) {
            // A hub that cannot start must exit, not linger with a half-started broker holding its ports.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ProductionCheck.Refused refused) {
                    System.err.println("Hub refused to start: " + refused.getMessage());
                    System.exit(1);
                }
            }
            System.err.println("Hub failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    public static Main create(Path configDir) {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation(
                "file:" + configDir.resolve("application.properties").toAbsolutePath());
        main.addInitialProperty(HubSettings.CONFIG_DIR, configDir.toAbsolutePath().toString());
        // First: the TLS and signing keystores the other steps read may be of a configured provider's type.
        main.addMainListener(new SecurityProviders());
        main.addMainListener(new HttpServerSetup());
        main.configure().addConfiguration(HubConfiguration.class);
        return main;
    }

    static Path configDir() throws URISyntaxException {
        String configured = System.getProperty(HubSettings.CONFIG_DIR, System.getenv("HUB_CONFIG_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path local = Path.of("config");
        if (Files.isRegularFile(local.resolve("application.properties"))) {
            return local;
        }
        Path jar = Path.of(HubMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path checkout = jar.getParent().getParent().getParent().resolve("config");
        if (Files.isRegularFile(checkout.resolve("application.properties"))) {
            return checkout;
        }
        throw new IllegalStateException("No configuration found: set -D" + HubSettings.CONFIG_DIR
                + "=<dir with application.properties> or run from the checkout");
    }

    private HubMain() {
    }
}

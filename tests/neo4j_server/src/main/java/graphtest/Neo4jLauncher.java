package graphtest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.internal.Version;

/**
 * Starts a real Neo4j Community DBMS for the test suite: Bolt on 127.0.0.1 only, on the given
 * port, authentication on with the given password for user neo4j, data and logs in the given
 * folder, HTTP off, no usage reports. Prints one READY line on stdout, then runs until its stdin
 * closes or the process gets SIGTERM, and shuts the DBMS down cleanly either way.
 *
 * <p>Usage: {@code Neo4jLauncher HOME_DIR PORT [PAGECACHE_MB]}. The password is read from the
 * NEO4J_TEST_PASSWORD variable, so it never shows in a process listing.
 */
public final class Neo4jLauncher {
    private Neo4jLauncher() {}

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: Neo4jLauncher HOME_DIR PORT [PAGECACHE_MB]");
            System.exit(2);
        }
        String password = System.getenv("NEO4J_TEST_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("NEO4J_TEST_PASSWORD must be set (8 characters or more)");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        long pagecacheMb = args.length > 2 ? Long.parseLong(args[2]) : 128;

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pagecacheMb * 1024 * 1024)
                    // Nothing leaves this machine: no anonymous usage reports to neo4j.com.
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Small, cheap test databases: no 250 MB preallocated transaction logs, no query log.
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .setConfig(GraphDatabaseSettings.log_queries, GraphDatabaseSettings.LogQueryLevel.OFF)
                    // Stop in about a second instead of ten: Bolt's Netty event loops otherwise wait
                    // a 5 s quiet period each before they shut down.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .build();
        } catch (RuntimeException e) {
            System.err.println("Neo4j failed to start:");
            e.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

        try {
            // The initial password of the built-in user; on a reused data folder this just sets it again.
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            // A reused data folder that already has this password needs no change.
            if (!rootMessage(e).contains("Old password and new password cannot be the same")) {
                System.err.println("Neo4j started but setting the password failed:");
                e.printStackTrace();
                System.exit(1); // runs the shutdown hook
            }
        }

        System.out.println("NEO4J_READY bolt://127.0.0.1:" + port + " version=" + Version.getNeo4jVersion());
        System.out.flush();

        try {
            InputStream in = System.in;
            while (in.read() != -1) {
                // the Python side holds stdin open; EOF means it has stopped us or gone away
            }
        } catch (IOException e) {
            // stdin broke: same as closed
        }
        System.exit(0); // runs the shutdown hook, which shuts the DBMS down cleanly
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        StringBuilder messages = new StringBuilder();
        while (cause != null) {
            messages.append(cause.getMessage()).append('\n');
            cause = cause.getCause();
        }
        return messages.toString();
    }
}

package graphtest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

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
 * port, authentication on with the given password for user neo4j, data in the given folder.
 * Prints one READY line, then runs until stdin closes or the process gets SIGTERM.
 *
 * Usage: Neo4jLauncher DATA_DIR PORT   (the password is read from the NEO4J_TEST_PASSWORD variable,
 * so it never shows in a process listing)
 */
public final class Neo4jLauncher {
    private Neo4jLauncher() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Neo4jLauncher DATA_DIR PORT");
            System.exit(2);
        }
        String password = System.getenv("NEO4J_TEST_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("NEO4J_TEST_PASSWORD must be set (8 characters or more)");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 128L * 1024 * 1024)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown));

        dbms.database("system").executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));

        System.out.println("NEO4J_READY bolt://127.0.0.1:" + port + " version=" + Version.getNeo4jVersion());
        System.out.flush();

        InputStream in = System.in;
        while (in.read() != -1) {
            // the Python side holds stdin open; EOF means it has gone
        }
        System.exit(0);
    }
}

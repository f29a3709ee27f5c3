package dev.servicecall.transport.jnr.linux;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.TransportConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;

/**
 * The other process of the cross-process backend tests. Commands (first argument):
 * <ul>
 *   <li>{@code serve DIR NAME}: binds NAME, prints {@code BOUND}, then echoes every connection
 *       (each byte back) until standard input ends, then closes and prints {@code CLOSED};
 *   <li>{@code bind DIR NAME}: tries to bind, prints {@code BOUND} or {@code STATUS 0x........};
 *   <li>{@code connect DIR NAME}: connects, sends one byte, prints {@code ECHO n} with the byte
 *       echoed, then waits for standard input to end.
 * </ul>
 */
@SuppressWarnings("try") // resources held open by try-with-resources for their effect
public final class LinuxBackendChild {
    public static void main(String[] args) throws Exception {
        LinuxBackend backend = LinuxBackend.create(TransportConfig.empty().with(TransportConfig.NAMESPACE, args[1]));
        String name = args[2];
        switch (args[0]) {
            case "serve":
                serve(backend, name);
                break;
            case "bind":
                try (ServerEndpoint endpoint = backend.bind(name)) {
                    System.out.println("BOUND");
                } catch (StatusException e) {
                    System.out.printf("STATUS 0x%08X %s%n", e.status(), e.getMessage());
                }
                break;
            case "connect":
                try (Connection connection = backend.connect(name, 0)) {
                    ByteBuffer buffer = ByteBuffer.allocateDirect(1).put(0, (byte) 42);
                    connection.write(buffer);
                    buffer.clear();
                    connection.read(buffer);
                    System.out.println("ECHO " + buffer.get(0));
                    awaitEndOfInput();
                }
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    private static void serve(LinuxBackend backend, String name) throws Exception {
        ServerEndpoint endpoint = backend.bind(name);
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Connection connection = endpoint.accept();
                    Thread echo = new Thread(() -> echo(connection));
                    echo.setDaemon(true);
                    echo.start();
                }
            } catch (IOException closed) {
                // endpoint closed
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        System.out.println("BOUND");
        awaitEndOfInput();
        endpoint.close();
        System.out.println("CLOSED");
    }

    private static void echo(Connection connection) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(4096);
        try (connection) {
            while (connection.read(buffer.clear()) > 0) {
                connection.write(buffer.flip());
            }
        } catch (IOException gone) {
            // peer left
        }
    }

    private static void awaitEndOfInput() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        while (in.readLine() != null) {
            // wait
        }
    }

    private LinuxBackendChild() {
    }
}

package dev.servicecall.transport.jna.linux;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.TransportConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The other process of the cross-process backend tests. Usage: {@code hold DIR NAME} binds NAME
 * and prints {@code BOUND <pid>}; {@code connect DIR NAME} connects to NAME, sends one byte and
 * prints {@code CONNECTED <pid>}. Either way it then waits for its standard input to end, and
 * exits (the tests usually kill it first).
 */
public final class LinuxBackendChild {
    private LinuxBackendChild() {
    }

    public static void main(String[] args) throws Exception {
        LinuxBackend backend = LinuxBackend.create(TransportConfig.empty().with(TransportConfig.NAMESPACE, args[1]));
        backend.prepareNamespace();
        long pid = ProcessHandle.current().pid();
        AutoCloseable held;
        if (args[0].equals("hold")) {
            ServerEndpoint endpoint = backend.bind(args[2]);
            System.out.println("BOUND " + pid);
            held = endpoint;
        } else {
            Connection connection = backend.connect(args[2], 5_000_000_000L);
            connection.write(ByteBuffer.wrap(new byte[] {42}));
            System.out.println("CONNECTED " + pid);
            held = connection;
        }
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // wait for end of input
            }
        }
        held.close();
    }
}

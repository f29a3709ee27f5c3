package dev.servicecall.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.NoSuchObjectException;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;

/**
 * The service side of the RMI baseline: a registry on an ephemeral loopback port and the
 * {@link RmiEchoService} exported on another, both listening on 127.0.0.1 only. Start it in a
 * process whose {@code java.rmi.server.hostname} is {@code 127.0.0.1} (BenchServer sets it).
 */
final class RmiEchoServer implements AutoCloseable {
    private final Registry registry;
    private final Implementation service;
    private final int registryPort;

    private RmiEchoServer(Registry registry, Implementation service, int registryPort) {
        this.registry = registry;
        this.service = service;
        this.registryPort = registryPort;
    }

    /** Creates the registry, exports the service and binds it. */
    static RmiEchoServer start() throws IOException {
        LoopbackSocketFactory registrySockets = new LoopbackSocketFactory();
        Registry registry = LocateRegistry.createRegistry(0, null, registrySockets);
        Implementation service = new Implementation();
        try {
            RmiEchoService stub = (RmiEchoService) UnicastRemoteObject.exportObject(service, 0, null,
                    new LoopbackSocketFactory());
            registry.rebind(RmiEchoService.BINDING, stub);
        } catch (RemoteException e) {
            UnicastRemoteObject.unexportObject(registry, true);
            throw e;
        }
        return new RmiEchoServer(registry, service, registrySockets.boundPort());
    }

    /** The registry's port on 127.0.0.1. */
    int registryPort() {
        return registryPort;
    }

    @Override
    public void close() throws NoSuchObjectException {
        UnicastRemoteObject.unexportObject(service, true);
        UnicastRemoteObject.unexportObject(registry, true);
    }

    /** The remote object: stateless, so thread-safe as RMI requires. */
    private static final class Implementation implements RmiEchoService {
        @Override
        public int nullCall(int a, int b) {
            return a + b;
        }

        @Override
        public byte[] echo(byte[] data) {
            EchoTransform.apply(data);
            return data;
        }
    }

    /** Listens on the loopback interface only and remembers the port the OS chose. */
    private static final class LoopbackSocketFactory implements RMIServerSocketFactory {
        private volatile int boundPort = -1;

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            boundPort = socket.getLocalPort();
            return socket;
        }

        int boundPort() {
            return boundPort;
        }
    }
}

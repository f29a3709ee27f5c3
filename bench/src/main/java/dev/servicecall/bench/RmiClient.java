package dev.servicecall.bench;

import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;

/**
 * The client side of the RMI baseline. The stub is thread-safe and RMI pools its connections, so
 * one client serves every benchmark thread, as an RMI application would use it.
 */
final class RmiClient implements BenchClient {
    private final RmiEchoService stub;

    private RmiClient(RmiEchoService stub) {
        this.stub = stub;
    }

    /** Looks the service up in the registry at 127.0.0.1:{@code registryPort}. */
    static RmiClient lookup(int registryPort) throws RemoteException, NotBoundException {
        return new RmiClient((RmiEchoService) LocateRegistry.getRegistry("127.0.0.1", registryPort)
                .lookup(RmiEchoService.BINDING));
    }

    @Override
    public int nullCall() throws RemoteException {
        return stub.nullCall(BenchRoutines.NULL_A, BenchRoutines.NULL_B);
    }

    @Override
    public byte[] echo(byte[] data) throws RemoteException {
        return stub.echo(data);
    }

    @Override
    public void close() {
        // RMI keeps no per-client state worth closing; its connections time out by themselves.
    }
}

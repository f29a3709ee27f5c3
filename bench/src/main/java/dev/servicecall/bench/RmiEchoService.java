package dev.servicecall.bench;

import java.rmi.Remote;
import java.rmi.RemoteException;

/**
 * The RMI baseline's remote interface: the same two operations as the ServiceCall routines.
 * Public because RMI's stubs need it.
 */
public interface RmiEchoService extends Remote {
    /** The name it is bound under in the registry. */
    String BINDING = "BenchEcho";

    /** Returns {@code a + b}: the null call. */
    int nullCall(int a, int b) throws RemoteException;

    /** Returns {@code data} with {@link EchoTransform} applied. */
    byte[] echo(byte[] data) throws RemoteException;
}

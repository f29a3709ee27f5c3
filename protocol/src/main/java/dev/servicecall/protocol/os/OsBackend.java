package dev.servicecall.protocol.os;

import dev.servicecall.spi.StatusException;

/**
 * What an operating-system binding (JNA, JNR; Linux AF_UNIX, Windows named pipes) gives the
 * shared native transport: a private name space of endpoints, exclusive by name, and byte
 * connections between processes. Everything above this (framing, dispatch, pooling, statuses of
 * calls) is shared and OS-independent.
 *
 * <p>Implementations are thread-safe.
 */
public interface OsBackend {
    /** A one-line description for messages and logs, e.g. {@code Linux AF_UNIX via JNA}. */
    String describe();

    /**
     * Makes sure the name space exists and is private to the OS user (Linux: directory mode 0700).
     * Idempotent.
     *
     * @throws StatusException NO_MEMORY when it cannot be created or is not private
     */
    void prepareNamespace() throws StatusException;

    /**
     * Claims {@code name} exclusively for this process and starts listening on it. A claim left
     * by a dead process never blocks (Linux: flock beside the socket; Windows: first-instance
     * pipe flag).
     *
     * @param name a name that passed {@code RoutineNames.check}
     * @throws StatusException OBJECT_NAME_EXISTS when a live process (this one included) holds the
     *     name; NO_MEMORY when the endpoint cannot be created
     */
    ServerEndpoint bind(String name) throws StatusException;

    /**
     * Connects to the endpoint of {@code name}.
     *
     * @param timeoutNanos how long to wait for a busy endpoint; 0 means no limit
     * @throws StatusException INVALID_PARAMETER_1 when nothing listens on {@code name};
     *     IO_TIMEOUT when the timeout passed; UNSUCCESSFUL for any other failure
     */
    Connection connect(String name, long timeoutNanos) throws StatusException;
}

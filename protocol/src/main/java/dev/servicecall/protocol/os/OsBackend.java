package dev.servicecall.protocol.os;

import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import java.util.List;

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

    /**
     * Lists the names bound in the name space now, sorted by name: every endpoint this backend
     * would {@link #connect} to, whichever process (of this user) registered it. A snapshot: names
     * come and go while it is read. Only valid routine names are listed; a name space that does not
     * exist yet is empty. Optional: backends that cannot list keep this default.
     *
     * <p>Where endpoints can outlive their process (Linux socket files), a name whose claim is not
     * held by any live process is listed {@link BoundName#isStale() stale}; the backend documents
     * how it tells.
     *
     * @throws StatusException NOT_SUPPORTED when this backend cannot list names (the default);
     *     UNSUCCESSFUL when the name space cannot be read
     */
    default List<BoundName> listNames() throws StatusException {
        throw new StatusException(NtStatus.NOT_SUPPORTED, describe() + " cannot list the names of its name space");
    }
}

package dev.servicecall.api;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Who is calling a routine ({@code RtlClientId} of the original): process id, OS user id where
 * the OS tells, and a {@link ProcessHandle}.
 *
 * <p>Inside a routine, {@link #current()} or {@link RoutineCall#client()} give it; outside a
 * routine {@link #current()} is empty, as the original returns false. The original's process
 * handle is closed when the routine returns; a {@link ProcessHandle} cannot be closed, so treat
 * {@link #process()} as valid only during the call: after it, the pid may belong to another
 * process. Immutable.
 */
public final class ClientId {
    private static final ThreadLocal<ClientId> CURRENT = new ThreadLocal<>();

    private final long pid;
    private final OptionalLong uid;

    private ClientId(long pid, OptionalLong uid) {
        this.pid = pid;
        this.uid = Objects.requireNonNull(uid, "uid");
    }

    /** An identity, for tests of routines and for transports' adapters. */
    public static ClientId of(long pid, OptionalLong uid) {
        return new ClientId(pid, uid);
    }

    /**
     * {@code RtlClientId}: the caller of the routine running on this thread, or empty when this
     * thread is not running a routine.
     */
    public static Optional<ClientId> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code routine} with {@code client} as {@link #current()}; restores the previous value after. */
    static int runAs(ClientId client, Routine routine, RoutineCall call) throws Exception {
        ClientId previous = CURRENT.get();
        CURRENT.set(client);
        try {
            return routine.run(call);
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The client's process id. */
    public long pid() {
        return pid;
    }

    /** The client's OS user id, where the transport can tell (Linux: yes; Windows: no). */
    public OptionalLong uid() {
        return uid;
    }

    /** The client process, while it is alive and visible to this process. */
    public Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientId && ((ClientId) other).pid == pid && ((ClientId) other).uid.equals(uid);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(pid) * 31 + uid.hashCode();
    }

    @Override
    public String toString() {
        return "pid " + pid + (uid.isPresent() ? ", uid " + uid.getAsLong() : "");
    }
}

package dev.servicecall.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Who is calling a routine: the client's process id, its OS user id where the OS tells
 * (SO_PEERCRED on Linux; not on Windows), and a {@link ProcessHandle} where the process is
 * still visible. Immutable and thread-safe.
 */
public final class CallerIdentity {
    private final long pid;
    private final OptionalLong uid;

    /**
     * @param pid the client process id
     * @param uid the client's OS user id, or empty where the transport cannot know it
     */
    public CallerIdentity(long pid, OptionalLong uid) {
        this.pid = pid;
        this.uid = Objects.requireNonNull(uid, "uid");
    }

    /** The identity of the current process, as the in-process transport reports it. */
    public static CallerIdentity currentProcess(OptionalLong uid) {
        return new CallerIdentity(ProcessHandle.current().pid(), uid);
    }

    /** The client process id. */
    public long pid() {
        return pid;
    }

    /** The client's OS user id, where the OS tells. */
    public OptionalLong uid() {
        return uid;
    }

    /**
     * A handle on the client process, looked up now; empty when the process is gone or not
     * visible to this one.
     */
    public Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CallerIdentity && ((CallerIdentity) other).pid == pid
                && ((CallerIdentity) other).uid.equals(uid);
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

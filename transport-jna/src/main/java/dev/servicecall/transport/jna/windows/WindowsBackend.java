package dev.servicecall.transport.jna.windows;

import static dev.servicecall.transport.jna.windows.Win32Constants.*;

import dev.servicecall.protocol.os.BoundName;
import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.OsBackend;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.RoutineNames;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.transport.jna.NativeCallException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The Windows {@link OsBackend}: one named pipe per name, {@code \\.\pipe\PREFIX-NAME}, through
 * kernel32 bound with JNA direct mapping.
 *
 * <p>PREFIX is the {@code servicecall.namespace} setting, or {@code servicecall-<SID>} with the
 * SID of the user the process runs as, so each user has a name space of its own. Pipes use the
 * default security descriptor (its DACL grants the owner and SYSTEM, and read to Everyone, so the
 * per-user prefix is what keeps names apart) and reject remote clients. See
 * {@link PipeServerEndpoint} for exclusivity and accept, {@link PipeConnection} for I/O.
 *
 * <p>Statuses: bind as {@link PipeServerEndpoint#open}. Connect: INVALID_PARAMETER_1 when the pipe
 * does not exist (ERROR_FILE_NOT_FOUND, also while waiting); every instance busy
 * (ERROR_PIPE_BUSY) waits with {@code WaitNamedPipe} and tries again until the timeout, then
 * IO_TIMEOUT; any other failure UNSUCCESSFUL. The client opens the pipe with
 * {@code SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION}, so the service can identify but never
 * impersonate it.
 *
 * <p>{@link #listNames()} enumerates {@code \\.\pipe\} with {@code FindFirstFileW} /
 * {@code FindNextFileW} and keeps the pipes named {@code PREFIX-NAME} with a valid routine name.
 * A pipe exists only while its process has an instance open, so no name is ever stale here.
 *
 * <p><b>Verified against mocked bindings only</b> ({@link PipeApi}): this project's builds run on
 * Linux, where the logic here is exercised by unit tests with a mocked {@code PipeApi}; the real
 * binding has not run on Windows.
 *
 * <p>Thread-safe.
 */
public final class WindowsBackend implements OsBackend {
    static final String DEFAULT_PREFIX = "servicecall-";
    /** While no timeout is set, WaitNamedPipe waits in steps of this length. */
    static final int UNBOUNDED_WAIT_STEP_MILLIS = 1_000;
    static final int CLIENT_FLAGS = SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION;

    private final PipeApi api;
    private final String prefix;

    WindowsBackend(PipeApi api, String prefix) {
        this.api = api;
        this.prefix = prefix;
    }

    /**
     * A backend with the real kernel32 binding.
     *
     * @throws LinkageError when kernel32 cannot be bound (the provider probes this first)
     */
    public static WindowsBackend create(TransportConfig config) {
        PipeApi api = Kernel32Pipes.INSTANCE;
        String prefix = config.get(TransportConfig.NAMESPACE).orElseGet(() -> defaultPrefix(api));
        return new WindowsBackend(api, prefix);
    }

    static String defaultPrefix(PipeApi api) {
        String user;
        try {
            user = api.currentUserSid();
        } catch (RuntimeException e) {
            user = System.getProperty("user.name", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
        }
        return DEFAULT_PREFIX + user;
    }

    /**
     * Binds kernel32.
     *
     * @return null when the backend can work here, else why not
     * @throws LinkageError when kernel32 cannot be bound
     */
    public static String probe(boolean is64Bit) {
        if (!is64Bit) {
            return "the JNA transport supports 64-bit Windows only";
        }
        Kernel32Pipes.load();
        return null;
    }

    /** The full pipe name of {@code name}. */
    String pipeName(String name) {
        return PIPE_NAMESPACE + prefix + "-" + name;
    }

    @Override
    public String describe() {
        return "Windows named pipes via JNA (" + PIPE_NAMESPACE + prefix + "-*)";
    }

    /** Nothing to create on Windows; checks that the prefix can form pipe names. */
    @Override
    public void prepareNamespace() throws StatusException {
        if (prefix.isEmpty() || prefix.indexOf('\\') >= 0) {
            throw new StatusException(NtStatus.NO_MEMORY, "the pipe-name prefix '" + prefix
                    + "' must be non-empty and contain no backslash");
        }
    }

    @Override
    public ServerEndpoint bind(String name) throws StatusException {
        prepareNamespace();
        String pipeName = checkedPipeName(name, NtStatus.NO_MEMORY);
        return PipeServerEndpoint.open(api, name, pipeName);
    }

    @Override
    public Connection connect(String name, long timeoutNanos) throws StatusException {
        String pipeName = checkedPipeName(name, NtStatus.UNSUCCESSFUL);
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            long handle = api.createFile(pipeName, GENERIC_READ | GENERIC_WRITE, NO_SHARING, OPEN_EXISTING, CLIENT_FLAGS);
            if (handle != PipeApi.INVALID_HANDLE) {
                return new PipeConnection(api, handle, false);
            }
            int error = api.lastError();
            if (error == ERROR_FILE_NOT_FOUND) {
                throw notRegistered(name, "CreateFileW", error);
            }
            if (error != ERROR_PIPE_BUSY) {
                NativeCallException failure = NativeCallException.win32("CreateFileW", error, errorName(error), pipeName);
                throw new StatusException(NtStatus.UNSUCCESSFUL, "cannot connect to '" + name + "': " + failure.getMessage(), failure);
            }
            int waitMillis = UNBOUNDED_WAIT_STEP_MILLIS;
            if (timeoutNanos > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StatusException(NtStatus.IO_TIMEOUT, "every instance of '" + name + "' stayed busy");
                }
                waitMillis = (int) Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), Integer.MAX_VALUE));
            }
            if (!api.waitNamedPipe(pipeName, waitMillis)) {
                int waitError = api.lastError();
                if (waitError == ERROR_FILE_NOT_FOUND) {
                    throw notRegistered(name, "WaitNamedPipeW", waitError);
                }
                if (waitError != ERROR_SEM_TIMEOUT) {
                    NativeCallException failure = NativeCallException.win32("WaitNamedPipeW", waitError, errorName(waitError), pipeName);
                    throw new StatusException(NtStatus.UNSUCCESSFUL, "cannot connect to '" + name + "': " + failure.getMessage(), failure);
                }
            }
            // an instance is free (or the wait ran out): try again; another client may win the race
        }
    }

    @Override
    public List<BoundName> listNames() throws StatusException {
        String wanted = prefix + "-";
        String[] found = new String[1];
        long find = api.findFirstFile(PIPE_LISTING_PATTERN, found);
        if (find == PipeApi.INVALID_HANDLE) {
            int error = api.lastError();
            if (error == ERROR_FILE_NOT_FOUND) {
                return List.of();
            }
            throw listingFailure("FindFirstFileW", error);
        }
        TreeSet<String> names = new TreeSet<>();
        try {
            boolean more = true;
            while (more) {
                String pipe = found[0];
                if (pipe != null && pipe.length() > wanted.length() && pipe.regionMatches(true, 0, wanted, 0, wanted.length())) {
                    String name = pipe.substring(wanted.length());
                    if (RoutineNames.problem(name) == null) {
                        names.add(name);
                    }
                }
                more = api.findNextFile(find, found);
            }
            int error = api.lastError();
            if (error != ERROR_NO_MORE_FILES) {
                throw listingFailure("FindNextFileW", error);
            }
        } finally {
            api.findClose(find);
        }
        List<BoundName> bound = new ArrayList<>(names.size());
        for (String name : names) {
            bound.add(BoundName.live(name));
        }
        return bound;
    }

    private static StatusException listingFailure(String call, int error) {
        NativeCallException failure = NativeCallException.win32(call, error, errorName(error), PIPE_LISTING_PATTERN);
        return new StatusException(NtStatus.UNSUCCESSFUL, "cannot list the pipes: " + failure.getMessage(), failure);
    }

    private String checkedPipeName(String name, int status) throws StatusException {
        String pipeName = pipeName(name);
        if (pipeName.length() > MAX_PIPE_NAME) {
            throw new StatusException(status, "the pipe name " + pipeName + " has " + pipeName.length()
                    + " characters; Windows allows at most " + MAX_PIPE_NAME + " (choose a shorter servicecall.namespace)");
        }
        return pipeName;
    }

    private StatusException notRegistered(String name, String call, int error) {
        NativeCallException failure = NativeCallException.win32(call, error, errorName(error), pipeName(name));
        return new StatusException(NtStatus.INVALID_PARAMETER_1, "no routine '" + name + "' is registered (" + failure.getMessage() + ")", failure);
    }

    @Override
    public String toString() {
        return describe();
    }
}

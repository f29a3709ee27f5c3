package dev.servicecall.transport.jnr.windows;

import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_FILE_NOT_FOUND;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_PIPE_BUSY;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_SEM_TIMEOUT;
import static dev.servicecall.transport.jnr.windows.Win32Constants.FALSE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.FILE_FLAG_OVERLAPPED;
import static dev.servicecall.transport.jnr.windows.Win32Constants.GENERIC_READ;
import static dev.servicecall.transport.jnr.windows.Win32Constants.GENERIC_WRITE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.INVALID_HANDLE_VALUE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.MAX_PIPE_NAME;
import static dev.servicecall.transport.jnr.windows.Win32Constants.NO_SHARING;
import static dev.servicecall.transport.jnr.windows.Win32Constants.OPEN_EXISTING;
import static dev.servicecall.transport.jnr.windows.Win32Constants.PIPE_NAMESPACE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.SECURITY_IDENTIFICATION;
import static dev.servicecall.transport.jnr.windows.Win32Constants.SECURITY_SQOS_PRESENT;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.OsBackend;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.transport.jnr.NativeCallException;
import java.util.concurrent.TimeUnit;

/**
 * The Windows OS backend through JNR-FFI: one named pipe per name, {@code \\.\pipe\PREFIX-NAME}.
 *
 * <p>PREFIX is the {@code servicecall.namespace} setting, else {@code servicecall-<SID>} with the
 * SID of the user the process runs as (else, if the SID cannot be read, the sanitised user name),
 * so each user has a name space of its own. These names are the JNA transport's too. Pipes use
 * the default security descriptor and reject remote clients ({@link PipeServerEndpoint}); I/O is
 * overlapped ({@link PipeConnection}).
 *
 * <p>Statuses: bind as {@link PipeServerEndpoint#open}. Connect: INVALID_PARAMETER_1 when the pipe
 * does not exist (ERROR_FILE_NOT_FOUND, also while waiting); while every instance is busy
 * (ERROR_PIPE_BUSY) it waits with WaitNamedPipeW and tries again, until the timeout
 * (IO_TIMEOUT); any other failure is UNSUCCESSFUL. The client opens the pipe with
 * SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION, so a service can identify it but never
 * impersonate it.
 *
 * <p><b>Verified against mocked bindings only</b>: the project's builds run on Linux, where this
 * logic runs in unit tests over Mockito mocks of the kernel32 binding; it has not run on Windows.
 *
 * <p>Thread-safe.
 */
public final class WindowsBackend implements OsBackend {
    static final String DEFAULT_PREFIX = "servicecall-";
    /** With no timeout, WaitNamedPipeW waits in steps of this length (and the pipe is looked up again). */
    static final int UNBOUNDED_WAIT_STEP_MILLIS = 1_000;
    static final int CLIENT_FLAGS = FILE_FLAG_OVERLAPPED | SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION;

    private final Win32 win32;
    private final String prefix;

    WindowsBackend(Win32 win32, String prefix) {
        this.win32 = win32;
        this.prefix = prefix;
    }

    /**
     * The backend for {@code config}, over the real bindings.
     *
     * @throws LinkageError when kernel32 or advapi32 cannot be bound
     */
    public static WindowsBackend create(TransportConfig config) {
        Win32 win32 = Win32.system();
        return new WindowsBackend(win32, config.get(TransportConfig.NAMESPACE).orElseGet(() -> defaultPrefix(win32)));
    }

    /**
     * Binds kernel32 and advapi32; for the provider's one-time probe.
     *
     * @return {@code null}: the backend can work
     * @throws LinkageError when they cannot be bound
     */
    public static String probe() {
        Win32.system();
        return null;
    }

    static String defaultPrefix(Win32 win32) {
        String user;
        try {
            user = UserSid.current(win32);
        } catch (NativeCallException | RuntimeException e) {
            user = System.getProperty("user.name", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
        }
        return DEFAULT_PREFIX + user;
    }

    /** The full pipe name of {@code name}. */
    String pipeName(String name) {
        return PIPE_NAMESPACE + prefix + "-" + name;
    }

    @Override
    public String describe() {
        return "Windows named pipes via JNR-FFI (" + PIPE_NAMESPACE + prefix + "-*)";
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
        return PipeServerEndpoint.open(win32, name, checkedPipeName(name, NtStatus.NO_MEMORY));
    }

    @Override
    public Connection connect(String name, long timeoutNanos) throws StatusException {
        String pipeName = checkedPipeName(name, NtStatus.UNSUCCESSFUL);
        byte[] wideName = Win32.wide(pipeName);
        long start = System.nanoTime();
        while (true) {
            long pipe = win32.kernel32().CreateFileW(wideName, GENERIC_READ | GENERIC_WRITE, NO_SHARING, null,
                    OPEN_EXISTING, CLIENT_FLAGS, 0);
            if (pipe != INVALID_HANDLE_VALUE) {
                return wrap(name, pipe);
            }
            int error = win32.lastError();
            if (error == ERROR_FILE_NOT_FOUND) {
                throw notRegistered(name, win32.failure("CreateFileW", error, pipeName));
            }
            if (error != ERROR_PIPE_BUSY) {
                throw unsuccessful(name, win32.failure("CreateFileW", error, pipeName));
            }
            int waitMillis = UNBOUNDED_WAIT_STEP_MILLIS;
            if (timeoutNanos > 0) {
                long left = timeoutNanos - (System.nanoTime() - start);
                if (left <= 0) {
                    throw new StatusException(NtStatus.IO_TIMEOUT, "every instance of '" + name + "' stayed busy for "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
                }
                waitMillis = (int) Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), Integer.MAX_VALUE));
            }
            if (win32.kernel32().WaitNamedPipeW(wideName, waitMillis) == FALSE) {
                int waitError = win32.lastError();
                if (waitError == ERROR_FILE_NOT_FOUND) {
                    throw notRegistered(name, win32.failure("WaitNamedPipeW", waitError, pipeName));
                }
                if (waitError != ERROR_SEM_TIMEOUT) {
                    throw unsuccessful(name, win32.failure("WaitNamedPipeW", waitError, pipeName));
                }
            }
            // an instance is free, or the step ran out: try again (another client may win the race)
        }
    }

    private Connection wrap(String name, long pipe) throws StatusException {
        try {
            return PipeConnection.open(win32, pipe, false);
        } catch (NativeCallException e) {
            win32.kernel32().CloseHandle(pipe);
            throw unsuccessful(name, e);
        }
    }

    private String checkedPipeName(String name, int status) throws StatusException {
        String pipeName = pipeName(name);
        if (pipeName.length() > MAX_PIPE_NAME) {
            throw new StatusException(status, "the pipe name " + pipeName + " has " + pipeName.length()
                    + " characters; Windows allows at most " + MAX_PIPE_NAME + " (choose a shorter "
                    + TransportConfig.NAMESPACE + ")");
        }
        return pipeName;
    }

    private static StatusException notRegistered(String name, NativeCallException failure) {
        return new StatusException(NtStatus.INVALID_PARAMETER_1, "no routine named '" + name + "' is registered ("
                + failure.getMessage() + ")", failure);
    }

    private static StatusException unsuccessful(String name, NativeCallException failure) {
        return new StatusException(NtStatus.UNSUCCESSFUL, "cannot connect to '" + name + "': " + failure.getMessage(),
                failure);
    }

    @Override
    public String toString() {
        return describe();
    }
}

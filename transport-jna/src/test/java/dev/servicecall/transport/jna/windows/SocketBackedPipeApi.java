package dev.servicecall.transport.jna.windows;

import com.sun.jna.Pointer;
import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.OsBackend;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for Win32 named pipes, for tests: each pipe name is served by an endpoint of another
 * {@link OsBackend} (the real Linux one), each handle by a connection, and failures are reported
 * with the error codes Windows uses (ERROR_ACCESS_DENIED for a first instance of an existing
 * pipe, ERROR_FILE_NOT_FOUND, ERROR_BROKEN_PIPE at end of stream, ERROR_NO_DATA on a write to a
 * closed pipe). It models the pipe semantics the Windows backend relies on (a pipe exists while
 * any of its instances is open) closely enough to run the whole native transport over
 * {@link WindowsBackend}; it is not Windows.
 */
final class SocketBackedPipeApi implements PipeApi {
    private final OsBackend sockets;
    private final AtomicLong handles = new AtomicLong(1000);
    private final Map<Long, Object> open = new ConcurrentHashMap<>();
    private final Map<String, Pipe> pipes = new HashMap<>();
    private final ThreadLocal<Integer> lastError = ThreadLocal.withInitial(() -> 0);

    SocketBackedPipeApi(OsBackend sockets) {
        this.sockets = sockets;
    }

    private static final class Pipe {
        final String socketName;
        final ServerEndpoint endpoint;
        int instances;

        Pipe(String socketName, ServerEndpoint endpoint) {
            this.socketName = socketName;
            this.endpoint = endpoint;
        }
    }

    private static final class ServerInstance {
        final Pipe pipe;
        volatile Connection connection;

        ServerInstance(Pipe pipe) {
            this.pipe = pipe;
        }
    }

    private static final class ClientEnd {
        final Connection connection;

        ClientEnd(Connection connection) {
            this.connection = connection;
        }
    }

    private static String socketName(String pipeName) {
        return "pipe-" + Integer.toHexString(pipeName.hashCode());
    }

    private long fail(int error) {
        lastError.set(error);
        return INVALID_HANDLE;
    }

    @Override
    public synchronized long createNamedPipe(String name, int openMode, int pipeMode, int maxInstances, int outBufferSize,
            int inBufferSize, int defaultTimeoutMillis) {
        Pipe pipe = pipes.get(name);
        if (pipe != null && (openMode & Win32Constants.FILE_FLAG_FIRST_PIPE_INSTANCE) != 0) {
            return fail(Win32Constants.ERROR_ACCESS_DENIED);
        }
        if (pipe == null) {
            try {
                pipe = new Pipe(socketName(name), sockets.bind(socketName(name)));
            } catch (StatusException e) {
                return fail(e.status() == NtStatus.OBJECT_NAME_EXISTS ? Win32Constants.ERROR_ACCESS_DENIED : 1450);
            }
            pipes.put(name, pipe);
        }
        pipe.instances++;
        long handle = handles.incrementAndGet();
        open.put(handle, new ServerInstance(pipe));
        return handle;
    }

    @Override
    public boolean connectNamedPipe(long handle) {
        ServerInstance instance = (ServerInstance) open.get(handle);
        if (instance == null) {
            lastError.set(Win32Constants.ERROR_INVALID_HANDLE);
            return false;
        }
        try {
            instance.connection = instance.pipe.endpoint.accept();
            return true;
        } catch (IOException e) {
            lastError.set(Win32Constants.ERROR_OPERATION_ABORTED);
            return false;
        }
    }

    @Override
    public boolean disconnectNamedPipe(long handle) {
        ServerInstance instance = (ServerInstance) open.get(handle);
        Connection connection = instance == null ? null : instance.connection;
        if (connection != null) {
            connection.close();
        }
        return true;
    }

    @Override
    public long createFile(String name, int access, int shareMode, int creationDisposition, int flagsAndAttributes) {
        String socketName;
        synchronized (this) {
            Pipe pipe = pipes.get(name);
            if (pipe == null) {
                return fail(Win32Constants.ERROR_FILE_NOT_FOUND);
            }
            socketName = pipe.socketName;
        }
        try {
            Connection connection = sockets.connect(socketName, TimeUnit.SECONDS.toNanos(5));
            long handle = handles.incrementAndGet();
            open.put(handle, new ClientEnd(connection));
            return handle;
        } catch (StatusException e) {
            return fail(Win32Constants.ERROR_FILE_NOT_FOUND);
        }
    }

    @Override
    public boolean waitNamedPipe(String name, int timeoutMillis) {
        return true;
    }

    /** The connection behind a handle; a closed or unknown handle fails as Windows does. */
    private Connection connectionOf(long handle) throws IOException {
        Object end = open.get(handle);
        Connection connection = end instanceof ClientEnd ? ((ClientEnd) end).connection
                : end == null ? null : ((ServerInstance) end).connection;
        if (connection == null) {
            throw new IOException("ERROR_INVALID_HANDLE");
        }
        return connection;
    }

    @Override
    public int readFile(long handle, long address, int length) {
        try {
            int read = connectionOf(handle).read(new Pointer(address).getByteBuffer(0, length));
            if (read < 0) {
                lastError.set(Win32Constants.ERROR_BROKEN_PIPE);
                return -1;
            }
            return read;
        } catch (IOException e) {
            lastError.set(Win32Constants.ERROR_BROKEN_PIPE);
            return -1;
        }
    }

    @Override
    public int writeFile(long handle, long address, int length) {
        try {
            connectionOf(handle).write(new Pointer(address).getByteBuffer(0, length));
            return length;
        } catch (IOException e) {
            lastError.set(Win32Constants.ERROR_NO_DATA);
            return -1;
        }
    }

    @Override
    public int peekNamedPipe(long handle) {
        try {
            return connectionOf(handle).awaitReadable(0) ? 1 : 0;
        } catch (IOException e) {
            lastError.set(Win32Constants.ERROR_BROKEN_PIPE);
            return -1;
        }
    }

    @Override
    public long getNamedPipeClientProcessId(long handle) {
        try {
            return connectionOf(handle).peer().pid();
        } catch (IOException e) {
            lastError.set(Win32Constants.ERROR_PIPE_NOT_CONNECTED);
            return -1;
        }
    }

    @Override
    public boolean cancelIoEx(long handle) {
        try {
            connectionOf(handle).close(); // wakes a blocked read; the handle is closed right after anyway
            return true;
        } catch (IOException e) {
            lastError.set(Win32Constants.ERROR_INVALID_HANDLE);
            return false;
        }
    }

    @Override
    public boolean closeHandle(long handle) {
        Object end = open.remove(handle);
        if (end instanceof ClientEnd) {
            ((ClientEnd) end).connection.close();
        } else if (end instanceof ServerInstance) {
            ServerInstance instance = (ServerInstance) end;
            if (instance.connection != null) {
                instance.connection.close();
            }
            synchronized (this) {
                if (--instance.pipe.instances == 0) {
                    instance.pipe.endpoint.close();
                    pipes.values().remove(instance.pipe);
                }
            }
        }
        return end != null;
    }

    /** What a dying service process does to its pipes: every server handle goes, with no goodbye. */
    void killServerSide() {
        List<Long> servers = new ArrayList<>();
        open.forEach((handle, end) -> {
            if (end instanceof ServerInstance) {
                servers.add(handle);
            }
        });
        servers.forEach(this::closeHandle);
    }

    @Override
    public int lastError() {
        return lastError.get();
    }

    /** Lists the pipes this stand-in holds, as FindFirstFileW on {@code \\.\pipe\*} would. */
    @Override
    public synchronized long findFirstFile(String pattern, String[] name) {
        if (!pattern.equals(Win32Constants.PIPE_LISTING_PATTERN)) {
            throw new UnsupportedOperationException("pattern " + pattern);
        }
        List<String> names = new ArrayList<>();
        for (String pipe : pipes.keySet()) {
            names.add(pipe.substring(Win32Constants.PIPE_NAMESPACE.length()));
        }
        if (names.isEmpty()) {
            lastError.set(Win32Constants.ERROR_FILE_NOT_FOUND);
            return INVALID_HANDLE;
        }
        long handle = handles.incrementAndGet();
        java.util.Iterator<String> rest = names.iterator();
        name[0] = rest.next();
        open.put(handle, rest);
        return handle;
    }

    @Override
    public boolean findNextFile(long find, String[] name) {
        @SuppressWarnings("unchecked")
        java.util.Iterator<String> rest = (java.util.Iterator<String>) open.get(find);
        if (!rest.hasNext()) {
            lastError.set(Win32Constants.ERROR_NO_MORE_FILES);
            return false;
        }
        name[0] = rest.next();
        return true;
    }

    @Override
    public boolean findClose(long find) {
        return open.remove(find) != null;
    }

    @Override
    public String currentUserSid() {
        return "S-1-5-21-0-0-0-1001";
    }
}

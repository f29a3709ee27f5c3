package dev.servicecall.transport.jnr.windows;

import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_ACCESS_DENIED;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_BROKEN_PIPE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_FILE_NOT_FOUND;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_INVALID_HANDLE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_IO_PENDING;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_NO_DATA;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_OPERATION_ABORTED;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_PIPE_BUSY;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_PIPE_CONNECTED;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_SEM_TIMEOUT;
import static dev.servicecall.transport.jnr.windows.Win32Constants.FALSE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.FILE_FLAG_FIRST_PIPE_INSTANCE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.INFINITE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.INVALID_HANDLE_VALUE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.TRUE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.WAIT_OBJECT_0;
import static dev.servicecall.transport.jnr.windows.Win32Constants.WAIT_TIMEOUT;

import dev.servicecall.transport.jnr.windows.WindowsNative.Kernel32;
import dev.servicecall.transport.jnr.windows.WindowsNative.Overlapped;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import jnr.ffi.Pointer;

/**
 * A stand-in for kernel32's named pipes, overlapped I/O and events, in plain Java: enough of their
 * documented behaviour for the Windows backend to run under the real shared transport on any OS.
 * Byte-mode pipes are pairs of byte queues; an overlapped operation completes at once when it
 * can, else stays pending until data, the peer's close, or CancelIoEx completes it and signals its
 * event. One lock guards everything; every blocking call waits on one condition.
 *
 * <p>It encodes this project's reading of the Win32 documentation, so it checks the backend's
 * logic, not that reading: the real kernel32 has not been exercised.
 */
final class StandInKernel32 implements Kernel32 {
    private static final int ERROR_INVALID_PARAMETER = 87;
    private static final int ERROR_IO_INCOMPLETE = 996;
    private static final int ERROR_NOT_FOUND = 1168;

    final MockKernel.ScriptedLastError lastError = new MockKernel.ScriptedLastError();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<Long, Object> handles = new HashMap<>();
    private final Map<String, List<Instance>> pipes = new HashMap<>();
    private final Map<Overlapped, Operation> operations = new IdentityHashMap<>();
    private long nextHandle = 100;

    private static final class Event {
        boolean signalled;
    }

    /** One operation on an OVERLAPPED; pending until {@link #finish}. */
    private final class Operation {
        final Event event;
        boolean done;
        int error;
        int transferred;
        ByteBuffer target;
        int position;
        int length;

        Operation(Event event) {
            this.event = event;
        }

        void finish(int error, int transferred) {
            this.done = true;
            this.error = error;
            this.transferred = transferred;
            if (event != null) {
                event.signalled = true;
            }
            changed.signalAll();
        }
    }

    /** One end of a connected pipe: what the peer wrote, waiting to be read. */
    private class End {
        byte[] inbound = new byte[0];
        int readIndex;
        End peer;
        boolean peerGone;
        Operation pendingRead;

        int available() {
            return inbound.length - readIndex;
        }

        void deliver(byte[] bytes) {
            byte[] joined = new byte[available() + bytes.length];
            System.arraycopy(inbound, readIndex, joined, 0, available());
            System.arraycopy(bytes, 0, joined, available(), bytes.length);
            inbound = joined;
            readIndex = 0;
            completeRead();
        }

        void completeRead() {
            Operation read = pendingRead;
            if (read == null) {
                return;
            }
            if (available() > 0) {
                pendingRead = null;
                read.finish(0, take(read.target, read.position, read.length));
            } else if (peerGone) {
                pendingRead = null;
                read.finish(ERROR_BROKEN_PIPE, 0);
            }
        }

        int take(ByteBuffer target, int position, int length) {
            int n = Math.min(length, available());
            target.put(position, inbound, readIndex, n);
            readIndex += n;
            return n;
        }

        void lose() {
            peerGone = true;
            completeRead();
            changed.signalAll();
        }
    }

    private final class Instance extends End {
        final String name;
        boolean connected;
        /** A new instance takes clients; after DisconnectNamedPipe only once ConnectNamedPipe is called again. */
        boolean listening = true;
        Operation pendingConnect;

        Instance(String name) {
            this.name = name;
        }
    }

    // --- pipes ---

    @Override
    public long CreateNamedPipeW(byte[] name, int openMode, int pipeMode, int maxInstances, int outBufferSize,
            int inBufferSize, int defaultTimeoutMillis, Pointer securityAttributes) {
        lock.lock();
        try {
            String text = MockKernel.text(name);
            List<Instance> instances = pipes.computeIfAbsent(text, key -> new ArrayList<>());
            if ((openMode & FILE_FLAG_FIRST_PIPE_INSTANCE) != 0 && !instances.isEmpty()) {
                return fail(ERROR_ACCESS_DENIED, INVALID_HANDLE_VALUE);
            }
            Instance instance = new Instance(text);
            instances.add(instance);
            changed.signalAll();
            return register(instance);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int ConnectNamedPipe(long pipe, Overlapped overlapped) {
        lock.lock();
        try {
            if (!(handles.get(pipe) instanceof Instance)) {
                return fail(ERROR_INVALID_HANDLE, FALSE);
            }
            Instance instance = (Instance) handles.get(pipe);
            if (instance.connected) {
                return fail(ERROR_PIPE_CONNECTED, FALSE);
            }
            instance.listening = true;
            instance.pendingConnect = start(overlapped);
            return fail(ERROR_IO_PENDING, FALSE);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int DisconnectNamedPipe(long pipe) {
        lock.lock();
        try {
            if (!(handles.get(pipe) instanceof Instance)) {
                return fail(ERROR_INVALID_HANDLE, FALSE);
            }
            Instance instance = (Instance) handles.get(pipe);
            if (instance.peer != null) {
                instance.peer.lose();
                instance.peer = null;
            }
            instance.connected = false;
            instance.listening = false;
            instance.peerGone = false;
            instance.inbound = new byte[0];
            instance.readIndex = 0;
            changed.signalAll();
            return TRUE;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long CreateFileW(byte[] name, int desiredAccess, int shareMode, Pointer securityAttributes,
            int creationDisposition, int flagsAndAttributes, long templateFile) {
        lock.lock();
        try {
            List<Instance> instances = pipes.get(MockKernel.text(name));
            if (instances == null || instances.isEmpty()) {
                return fail(ERROR_FILE_NOT_FOUND, INVALID_HANDLE_VALUE);
            }
            for (Instance instance : instances) {
                if (!instance.connected && instance.listening) {
                    End client = new End();
                    client.peer = instance;
                    instance.peer = client;
                    instance.connected = true;
                    if (instance.pendingConnect != null) {
                        Operation connect = instance.pendingConnect;
                        instance.pendingConnect = null;
                        connect.finish(0, 0);
                    }
                    return register(client);
                }
            }
            return fail(ERROR_PIPE_BUSY, INVALID_HANDLE_VALUE);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int WaitNamedPipeW(byte[] name, int timeoutMillis) {
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (true) {
                List<Instance> instances = pipes.get(MockKernel.text(name));
                if (instances == null || instances.isEmpty()) {
                    return fail(ERROR_FILE_NOT_FOUND, FALSE);
                }
                if (instances.stream().anyMatch(instance -> !instance.connected && instance.listening)) {
                    return TRUE;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return fail(ERROR_SEM_TIMEOUT, FALSE);
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(ERROR_OPERATION_ABORTED, FALSE);
        } finally {
            lock.unlock();
        }
    }

    // --- I/O ---

    @Override
    public int ReadFile(long file, ByteBuffer buffer, int length, Pointer bytesRead, Overlapped overlapped) {
        lock.lock();
        try {
            End end = end(file);
            if (end == null) {
                return fail(ERROR_INVALID_HANDLE, FALSE);
            }
            Operation read = start(overlapped);
            if (end.available() > 0) {
                read.finish(0, end.take(buffer, buffer.position(), length));
                return TRUE;
            }
            if (end.peer == null || end.peerGone) {
                operations.remove(overlapped);
                return fail(ERROR_BROKEN_PIPE, FALSE);
            }
            read.target = buffer;
            read.position = buffer.position();
            read.length = length;
            end.pendingRead = read;
            return fail(ERROR_IO_PENDING, FALSE);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int WriteFile(long file, ByteBuffer buffer, int length, Pointer bytesWritten, Overlapped overlapped) {
        lock.lock();
        try {
            End end = end(file);
            if (end == null) {
                return fail(ERROR_INVALID_HANDLE, FALSE);
            }
            if (end.peer == null || end.peerGone) {
                return fail(ERROR_NO_DATA, FALSE);
            }
            byte[] bytes = new byte[length];
            buffer.get(buffer.position(), bytes);
            end.peer.deliver(bytes);
            start(overlapped).finish(0, length);
            return TRUE;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int GetOverlappedResult(long file, Overlapped overlapped, Pointer transferred, int wait) {
        lock.lock();
        try {
            Operation operation = operations.get(overlapped);
            if (operation == null) {
                return fail(ERROR_INVALID_PARAMETER, FALSE);
            }
            while (!operation.done) {
                if (wait == FALSE) {
                    return fail(ERROR_IO_INCOMPLETE, FALSE);
                }
                changed.awaitUninterruptibly();
            }
            if (operation.error != 0) {
                return fail(operation.error, FALSE);
            }
            transferred.putInt(0, operation.transferred);
            return TRUE;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int CancelIoEx(long file, Overlapped overlapped) {
        lock.lock();
        try {
            Operation operation = operations.get(overlapped);
            if (operation == null || operation.done) {
                return fail(ERROR_NOT_FOUND, FALSE);
            }
            Object owner = handles.get(file);
            if (owner instanceof End && ((End) owner).pendingRead == operation) {
                ((End) owner).pendingRead = null;
            }
            if (owner instanceof Instance && ((Instance) owner).pendingConnect == operation) {
                ((Instance) owner).pendingConnect = null;
            }
            operation.finish(ERROR_OPERATION_ABORTED, 0);
            return TRUE;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int PeekNamedPipe(long pipe, Pointer buffer, int bufferSize, Pointer bytesRead, Pointer totalBytesAvailable,
            Pointer bytesLeftThisMessage) {
        lock.lock();
        try {
            End end = end(pipe);
            if (end == null) {
                return fail(ERROR_INVALID_HANDLE, FALSE);
            }
            if (end.available() == 0 && (end.peer == null || end.peerGone)) {
                return fail(ERROR_BROKEN_PIPE, FALSE);
            }
            totalBytesAvailable.putInt(0, end.available());
            return TRUE;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int GetNamedPipeClientProcessId(long pipe, Pointer clientProcessId) {
        clientProcessId.putInt(0, (int) ProcessHandle.current().pid());
        return TRUE;
    }

    // --- events and handles ---

    @Override
    public long CreateEventW(Pointer securityAttributes, int manualReset, int initialState, Pointer name) {
        lock.lock();
        try {
            Event event = new Event();
            event.signalled = initialState != FALSE;
            return register(event);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int SetEvent(long event) {
        lock.lock();
        try {
            if (!(handles.get(event) instanceof Event)) {
                return fail(ERROR_INVALID_HANDLE, FALSE);
            }
            ((Event) handles.get(event)).signalled = true;
            changed.signalAll();
            return TRUE;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int WaitForMultipleObjects(int count, Pointer waitHandles, int waitAll, int timeoutMillis) {
        int size = jnr.ffi.Runtime.getSystemRuntime().addressSize();
        long[] waited = new long[count];
        for (int i = 0; i < count; i++) {
            waited[i] = waitHandles.getAddress((long) i * size);
        }
        return await(waited, timeoutMillis);
    }

    @Override
    public int WaitForSingleObject(long handle, int timeoutMillis) {
        return await(new long[] {handle}, timeoutMillis);
    }

    private int await(long[] waited, int timeoutMillis) {
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (true) {
                for (int i = 0; i < waited.length; i++) {
                    Object event = handles.get(waited[i]);
                    if (!(event instanceof Event)) {
                        return fail(ERROR_INVALID_HANDLE, -1);
                    }
                    if (((Event) event).signalled) {
                        return WAIT_OBJECT_0 + i;
                    }
                }
                if (timeoutMillis == INFINITE) {
                    changed.awaitUninterruptibly();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return WAIT_TIMEOUT;
                    }
                    changed.awaitNanos(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(ERROR_OPERATION_ABORTED, -1);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int CloseHandle(long handle) {
        lock.lock();
        try {
            Object closed = handles.remove(handle);
            if (closed == null) {
                return fail(ERROR_INVALID_HANDLE, FALSE);
            }
            if (closed instanceof End) {
                End end = (End) closed;
                if (end.peer != null) {
                    end.peer.lose();
                }
                if (end.pendingRead != null) {
                    end.pendingRead.finish(ERROR_OPERATION_ABORTED, 0);
                }
            }
            if (closed instanceof Instance) {
                Instance instance = (Instance) closed;
                List<Instance> instances = pipes.get(instance.name);
                instances.remove(instance);
                if (instances.isEmpty()) {
                    pipes.remove(instance.name);
                }
            }
            changed.signalAll();
            return TRUE;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long GetCurrentProcess() {
        return -1L;
    }

    @Override
    public Pointer LocalFree(Pointer memory) {
        return null;
    }

    // --- for tests ---

    /** Number of open handles of every kind: pipes, client ends and events. */
    int openHandles() {
        lock.lock();
        try {
            return handles.size();
        } finally {
            lock.unlock();
        }
    }

    /** Breaks every connected pipe of {@code pipeName} from the server side, as a dying service would. */
    void breakConnections(String pipeName) {
        lock.lock();
        try {
            for (Instance instance : pipes.getOrDefault(pipeName, List.of())) {
                if (instance.peer != null) {
                    instance.peer.lose();
                    instance.peer = null;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private long register(Object object) {
        long handle = nextHandle++;
        handles.put(handle, object);
        return handle;
    }

    private End end(long handle) {
        Object object = handles.get(handle);
        return object instanceof End ? (End) object : null;
    }

    /** An operation on {@code overlapped}: starting it resets the OVERLAPPED's event, as Windows does. */
    private Operation start(Overlapped overlapped) {
        Event event = (Event) handles.get(overlapped.event.get());
        if (event != null) {
            event.signalled = false;
        }
        Operation operation = new Operation(event);
        operations.put(overlapped, operation);
        return operation;
    }

    private <T> T fail(int error, T result) {
        lastError.set(error);
        return result;
    }
}

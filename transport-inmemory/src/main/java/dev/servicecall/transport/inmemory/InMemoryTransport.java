package dev.servicecall.transport.inmemory;

import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.CallerIdentity;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.Registration;
import dev.servicecall.spi.RoutineHandler;
import dev.servicecall.spi.Signatures;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole transport contract inside one process. Calls are delivered to routines registered on
 * the same {@link InMemoryNamespace}, each on its own thread, with copies of the caller's buffers
 * that are written back when the routine returns. The caller is always this process. Thread-safe.
 */
final class InMemoryTransport implements Transport {
    private static final CallerIdentity THIS_PROCESS = CallerIdentity.currentProcess(currentUid());
    private static final AtomicInteger TRANSPORT_IDS = new AtomicInteger();

    private final InMemoryNamespace namespace;
    private final long maxBufferBytes;
    private final Set<HostedRoutine> mine = ConcurrentHashMap.newKeySet();
    private final ExecutorService routineThreads;
    private volatile boolean closed;

    InMemoryTransport(InMemoryNamespace namespace, long maxBufferBytes) {
        this.namespace = namespace;
        this.maxBufferBytes = maxBufferBytes;
        int id = TRANSPORT_IDS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.routineThreads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "servicecall-inmemory-" + id + "-routine-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    FaultPlan faults() {
        return namespace.faults();
    }

    @Override
    public void initializeService() throws StatusException {
        ensureOpen();
    }

    @Override
    public Registration register(String name, byte[] signature, RoutineHandler handler) throws StatusException {
        ensureOpen();
        HostedRoutine routine = new HostedRoutine(name, signature.clone(), handler, this);
        if (!namespace.publish(routine)) {
            throw new StatusException(NtStatus.OBJECT_NAME_EXISTS, "'" + name + "' is already registered");
        }
        mine.add(routine);
        return routine;
    }

    @Override
    public void unregister(Registration registration) throws StatusException {
        ensureOpen();
        if (!(registration instanceof HostedRoutine) || ((HostedRoutine) registration).owner() != this
                || !mine.remove(registration)) {
            throw new StatusException(NtStatus.INVALID_PARAMETER, "not a registration of this transport, or already unregistered");
        }
        withdraw((HostedRoutine) registration);
    }

    private void withdraw(HostedRoutine routine) {
        namespace.withdraw(routine);
        routine.withdraw();
    }

    @Override
    public int call(CallRequest request) throws StatusException {
        ensureOpen();
        int fault = namespace.faults().take(request.name());
        if (fault != NtStatus.SUCCESS) {
            throw new StatusException(fault, "failure injected for '" + request.name() + "' by the test");
        }
        HostedRoutine routine = namespace.lookup(request.name());
        if (routine == null) {
            throw new StatusException(NtStatus.INVALID_PARAMETER_1, "no routine named '" + request.name() + "' is registered");
        }
        if (!Signatures.matches(routine.signature(), request.signature())) {
            throw new StatusException(NtStatus.INVALID_PARAMETER_2, "'" + request.name() + "' is registered as "
                    + Signatures.describe(routine.signature()) + ", called as " + Signatures.describe(request.signature()));
        }
        if (exceedsLimit(request, routine.owner().maxBufferBytes)) {
            return NtStatus.INVALID_PARAMETER;
        }
        InFlightCall call = new InFlightCall(request, THIS_PROCESS);
        if (!routine.admit(call)) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, "'" + request.name() + "' was unregistered");
        }
        try {
            routine.owner().routineThreads.execute(() -> {
                try {
                    call.run(routine.handler());
                } finally {
                    routine.finished(call);
                }
            });
        } catch (RejectedExecutionException ownerClosed) {
            routine.finished(call);
            throw new StatusException(NtStatus.UNSUCCESSFUL, "the service of '" + request.name() + "' was closed");
        }
        try {
            return call.await();
        } finally {
            routine.finished(call);
        }
    }

    /** Whether a pointer is larger than the service's limit: it cannot be mapped, the routine must not run. */
    private static boolean exceedsLimit(CallRequest request, long maxBufferBytes) {
        for (int i = 0; i < request.parameterCount(); i++) {
            if (request.buffer(i) != null && request.buffer(i).capacity() > maxBufferBytes) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (HostedRoutine routine : mine) {
            withdraw(routine);
        }
        mine.clear();
        routineThreads.shutdownNow();
    }

    private void ensureOpen() throws StatusException {
        if (closed) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, "this in-memory transport is closed");
        }
    }

    private static OptionalLong currentUid() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer ? OptionalLong.of((Integer) uid) : OptionalLong.empty();
        } catch (Exception | LinkageError notUnix) {
            return OptionalLong.empty();
        }
    }
}

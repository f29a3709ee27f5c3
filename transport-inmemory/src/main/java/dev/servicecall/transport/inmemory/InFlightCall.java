package dev.servicecall.transport.inmemory;

import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.CallerIdentity;
import dev.servicecall.spi.Invocation;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.RoutineHandler;
import dev.servicecall.spi.StatusException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One call between its caller's thread and the routine's thread.
 *
 * <p>The routine works on its own copies of the caller's buffers. Exactly one of three things
 * ends the call, decided under this object's lock: the routine returns (buffers are written back
 * into the caller's memory, then the caller is released), the routine's registration is withdrawn,
 * or the caller's deadline passes (in both latter cases nothing is ever written back, even if the
 * routine returns later).
 */
final class InFlightCall implements Invocation {
    private enum State { PENDING, COMPLETED, ABANDONED }

    private static final System.Logger LOG = System.getLogger(InFlightCall.class.getName());

    private final CallRequest request;
    private final String name;
    private final byte[] masks;
    private final long[] values;
    private final ByteBuffer[] own;
    private final CallerIdentity caller;
    private final CountDownLatch ended = new CountDownLatch(1);
    private State state = State.PENDING;
    private int serviceStatus;
    private int failureStatus = NtStatus.SUCCESS;
    private String failureDetail;

    InFlightCall(CallRequest request, CallerIdentity caller) {
        this.request = request;
        this.caller = caller;
        // The routine may outlive the caller's wait (deadline, unregister), and the caller's
        // request is reused by its next call: keep our own copy of everything the routine reads.
        this.name = request.name();
        this.masks = request.signature().clone();
        this.values = new long[masks.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = request.value(i);
        }
        this.own = new ByteBuffer[request.parameterCount()];
        for (int i = 0; i < own.length; i++) {
            ByteBuffer theirs = request.buffer(i);
            if (theirs != null) {
                own[i] = ByteBuffer.allocate(theirs.capacity()).put(theirs.duplicate().clear()).clear();
            }
        }
    }

    /** Runs the routine on the current (service) thread and settles the call. */
    void run(RoutineHandler handler) {
        int status;
        boolean returned;
        try {
            status = handler.invoke(this);
            returned = true;
        } catch (Throwable thrown) {
            LOG.log(System.Logger.Level.DEBUG, "routine " + name + " threw", thrown);
            status = NtStatus.UNHANDLED_EXCEPTION;
            returned = false;
        }
        synchronized (this) {
            if (state != State.PENDING) {
                return;
            }
            serviceStatus = returned ? writeBack(status) : status;
            state = State.COMPLETED;
        }
        ended.countDown();
    }

    private int writeBack(int status) {
        try {
            for (int i = 0; i < own.length; i++) {
                if (own[i] != null) {
                    request.writeBack(i, own[i]);
                }
            }
            return status;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "write-back of " + name + " failed", e);
            return NtStatus.ACCESS_DENIED;
        }
    }

    /** Ends the call with UNSUCCESSFUL unless it has already ended. */
    void abandon(String why) {
        synchronized (this) {
            if (state != State.PENDING) {
                return;
            }
            state = State.ABANDONED;
            failureStatus = NtStatus.UNSUCCESSFUL;
            failureDetail = why;
        }
        ended.countDown();
    }

    /**
     * Waits for the end of the call on the caller's thread.
     *
     * @return the service status
     * @throws StatusException UNSUCCESSFUL (withdrawn, or the caller was interrupted) or IO_TIMEOUT
     */
    int await() throws StatusException {
        long timeout = request.timeoutNanos();
        try {
            if (timeout == 0) {
                ended.await();
            } else if (!ended.await(timeout, TimeUnit.NANOSECONDS)) {
                synchronized (this) {
                    if (state == State.PENDING) {
                        state = State.ABANDONED;
                        failureStatus = NtStatus.IO_TIMEOUT;
                        failureDetail = "'" + request.name() + "' did not return within " + timeout / 1_000_000 + " ms";
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon("the calling thread was interrupted while waiting for '" + request.name() + "'");
        }
        synchronized (this) {
            if (failureStatus != NtStatus.SUCCESS) {
                throw new StatusException(failureStatus, failureDetail);
            }
            return serviceStatus;
        }
    }

    @Override
    public String routineName() {
        return name;
    }

    @Override
    public int parameterCount() {
        return own.length;
    }

    @Override
    public int mask(int index) {
        return masks[index] & 0xFF;
    }

    @Override
    public long value(int index) {
        return values[index];
    }

    @Override
    public ByteBuffer buffer(int index) {
        return own[index];
    }

    @Override
    public CallerIdentity caller() {
        return caller;
    }
}

package dev.servicecall.bench;

import static dev.servicecall.api.ParameterMask.DWORD;
import static dev.servicecall.api.ParameterMask.POINTER;

import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceHost;
import dev.servicecall.api.Signature;

/**
 * The routines every ServiceCall row calls, and the operands shared with the baselines.
 *
 * <ul>
 *   <li>{@value #NULL_NAME} {@code (DWORD, DWORD)}: returns the sum of its two values as service
 *       status, nothing else: the cost of a call itself.</li>
 *   <li>{@value #ECHO_NAME} {@code (POINTER)}: applies {@link EchoTransform} to its buffer, which
 *       the transport then writes back: the cost of moving N bytes there and back.</li>
 * </ul>
 */
public final class BenchRoutines {
    /** The null routine's name. */
    public static final String NULL_NAME = "BenchNull";
    /** The echo routine's name. */
    public static final String ECHO_NAME = "BenchEcho";
    /** The null routine's signature: two DWORDs in, the status out. */
    public static final Signature NULL_SIGNATURE = Signature.of(DWORD, DWORD);
    /** The echo routine's signature: one in/out buffer. */
    public static final Signature ECHO_SIGNATURE = Signature.of(POINTER);

    /** First operand of every null call. */
    public static final int NULL_A = 20;
    /** Second operand of every null call. */
    public static final int NULL_B = 22;
    /** What every null call must answer. */
    public static final int NULL_EXPECTED = NULL_A + NULL_B;

    /** The small buffer case: 4 KiB. */
    public static final int SMALL_BUFFER = 4 << 10;
    /** The large buffer case: 1 MiB. */
    public static final int LARGE_BUFFER = 1 << 20;

    private BenchRoutines() {
    }

    /**
     * Registers both routines on an initialized host. They stay registered until the host's
     * session is closed.
     *
     * @throws ServiceCallException as {@link ServiceHost#register} does
     */
    public static void registerAll(ServiceHost host) throws ServiceCallException {
        host.register(NULL_NAME, NULL_SIGNATURE, call -> call.dword(0) + call.dword(1));
        host.register(ECHO_NAME, ECHO_SIGNATURE, call -> {
            java.nio.ByteBuffer buffer = call.buffer(0);
            EchoTransform.apply(buffer, buffer.limit());
            return 0;
        });
    }
}

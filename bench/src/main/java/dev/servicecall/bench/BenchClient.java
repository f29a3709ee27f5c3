package dev.servicecall.bench;

/**
 * One client thread's view of a row: the two operations every row measures. Implementations set
 * up everything per call (operands, frames, parameters) once, so a benchmark measures the call
 * itself. Not thread-safe unless stated: each benchmark thread gets its own.
 */
interface BenchClient extends AutoCloseable {
    /**
     * The null call: {@link BenchRoutines#NULL_A} and {@link BenchRoutines#NULL_B} in, the status
     * out ({@link BenchRoutines#NULL_EXPECTED} when all went well).
     */
    int nullCall() throws Exception;

    /**
     * Sends {@code data} to the service, which applies {@link EchoTransform}, and returns the bytes
     * it sent back: {@code data} itself, updated in place, where the mechanism writes back into the
     * caller's array; a new array where it cannot (RMI).
     */
    byte[] echo(byte[] data) throws Exception;
}

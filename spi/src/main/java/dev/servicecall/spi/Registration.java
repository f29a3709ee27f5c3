package dev.servicecall.spi;

/**
 * A transport's handle on one registered routine, as returned by
 * {@link Transport#register(String, byte[], RoutineHandler)} and given back to
 * {@link Transport#unregister(Registration)}. Implementations are immutable.
 */
public interface Registration {
    /** The registered name. */
    String name();

    /** The registered signature (a copy or an unmodified array; callers must not modify it). */
    byte[] signature();
}

package dev.servicecall.tck;

/**
 * What a transport declares it can do, in {@link TransportUnderTest#capabilities()}. A rule that
 * needs a capability the transport does not declare is skipped with a stated reason, never
 * passed silently.
 */
public enum Capability {
    /**
     * Routines can be called from another process. The kit then runs the service side of every
     * rule in a child JVM on the same class path (the test JVM is the caller), and also runs the
     * rules about processes: a service process that dies, a client process that dies, the identity
     * of a client in another process. The provider class needs a public no-argument constructor.
     */
    SERVICE_IN_OTHER_PROCESS,
    /** The transport reports the caller's OS user id ({@code ClientId.uid()}), as Linux's SO_PEERCRED tells. */
    CALLER_UID_KNOWN,
    /**
     * {@link TransportUnderTest#configWithoutListenerResources} gives settings under which the
     * resources for a listener cannot be obtained, so that register (or initialize) reports
     * NO_MEMORY.
     */
    LISTENER_RESOURCES_CAN_BE_DENIED
}

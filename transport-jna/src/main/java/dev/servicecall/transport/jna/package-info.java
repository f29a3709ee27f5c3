/**
 * The JNA transport: {@link dev.servicecall.transport.jna.JnaTransportProvider} (name {@code jna},
 * priority 50) runs the shared native transport ({@code dev.servicecall.protocol}) over an OS
 * backend bound with JNA direct mapping.
 *
 * <ul>
 *   <li>{@link dev.servicecall.transport.jna.linux}: Linux, one {@code AF_UNIX} socket per name in
 *       a directory private to the user, exclusivity by {@code flock}, caller identity by
 *       {@code SO_PEERCRED}. Tested for real, in one process and across processes.</li>
 *   <li>{@link dev.servicecall.transport.jna.windows}: Windows, one named pipe per name,
 *       exclusivity by {@code FILE_FLAG_FIRST_PIPE_INSTANCE}, caller identity by
 *       {@code GetNamedPipeClientProcessId}. <b>Verified against mocked bindings only</b>: every
 *       Win32 call goes through one interface, which the tests mock; the real binding compiles
 *       everywhere but has not run on Windows.</li>
 * </ul>
 *
 * <p>Shared pieces: {@link dev.servicecall.transport.jna.CloseGuard} (closing a handle other
 * threads block on), {@link dev.servicecall.transport.jna.DirectAddresses} (buffer addresses
 * without allocation per call), {@link dev.servicecall.transport.jna.NativeCallException} (a failed
 * OS call with its name and error code).
 */
package dev.servicecall.transport.jna;

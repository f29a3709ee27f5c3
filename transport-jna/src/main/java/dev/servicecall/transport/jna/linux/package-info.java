/**
 * The Linux backend: {@link dev.servicecall.transport.jna.linux.LinuxBackend}.
 *
 * <p>Layers, bottom up: {@code LibC} (raw libc functions, JNA direct mapping, errno captured by
 * JNA in the native stub), {@code LinuxConstants} (every constant by name), {@code Syscalls} (EINTR
 * retried, failures as {@code NativeCallException} with call name and errno), then the pieces with
 * behaviour: {@code NamespaceDirectory} (where, and the privacy rule), {@code NameLock} (flock
 * claim that a dead owner never holds), {@code UnixServerEndpoint}, {@code UnixConnection}.
 */
package dev.servicecall.transport.jna.linux;

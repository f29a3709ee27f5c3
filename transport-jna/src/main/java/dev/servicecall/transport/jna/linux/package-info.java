/**
 * The Linux backend: {@link dev.servicecall.transport.jna.linux.LinuxBackend}.
 *
 * <p>Layers, bottom up: {@code LibC} (raw libc functions, JNA direct mapping, errno captured by
 * JNA in the native stub), {@code LinuxConstants} (every constant by name), {@code Syscalls} (EINTR
 * retried, failures as {@code NativeCallException} with call name and errno), then the pieces with
 * behaviour: {@code NameLock} (flock
 * claim that a dead owner never holds), {@code UnixServerEndpoint}, {@code UnixConnection}. Where
 * the directory is, the privacy rule, file names and listing are shared with the JNR transport:
 * {@link dev.servicecall.protocol.os.unix.UnixNamespace}.
 */
package dev.servicecall.transport.jna.linux;

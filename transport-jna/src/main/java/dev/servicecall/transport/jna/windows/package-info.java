/**
 * The Windows backend: {@link dev.servicecall.transport.jna.windows.WindowsBackend}.
 *
 * <p>All Win32 calls go through {@code PipeApi}, one small interface whose real implementation,
 * {@code Kernel32Pipes}, binds kernel32 with JNA direct mapping; {@code Win32Constants} holds
 * every constant by name. <b>Verified against mocked bindings only</b>: the unit tests mock
 * {@code PipeApi} (creation flags, name taken, pipe not found, pipe busy, broken pipe mid-call,
 * caller pid, waking accept and reads) and run the whole native transport over stand-in pipes;
 * nothing here has run against real Windows.
 */
package dev.servicecall.transport.jna.windows;

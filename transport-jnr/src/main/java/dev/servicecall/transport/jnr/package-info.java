/**
 * The JNR-FFI transport: the shared native wire protocol ({@code dev.servicecall.protocol}) over
 * operating-system bindings written with JNR-FFI, AF_UNIX sockets on Linux
 * ({@link dev.servicecall.transport.jnr.linux}) and named pipes on Windows
 * ({@link dev.servicecall.transport.jnr.windows}). Select it with
 * {@code -Dservicecall.transport=jnr}; with no name given it wins over JNA by priority.
 */
package dev.servicecall.transport.jnr;

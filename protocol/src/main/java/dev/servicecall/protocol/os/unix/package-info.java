/**
 * The pure-Java part of the Unix ({@code AF_UNIX}) name space that every Linux binding shares, so
 * that JNA and JNR processes meet in one directory with one layout: where the directory is and
 * when it counts as private ({@link dev.servicecall.protocol.os.unix.UnixNamespace}), how files are
 * named, how names are listed, and how a stale name is told from a live one
 * ({@link dev.servicecall.protocol.os.unix.HeldFlocks}). What needs a system call the JDK does not
 * offer (sockets, flock, fstat of a descriptor) stays in the bindings.
 */
package dev.servicecall.protocol.os.unix;

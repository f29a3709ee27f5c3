/**
 * The pure-Java part of the Windows named-pipe name space that every Windows binding shares:
 * pipe names and which listed pipes are routines of this name space
 * ({@link dev.servicecall.protocol.os.windows.PipeListing}).
 */
package dev.servicecall.protocol.os.windows;

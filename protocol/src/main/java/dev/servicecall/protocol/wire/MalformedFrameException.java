package dev.servicecall.protocol.wire;

/**
 * A frame broke the wire protocol: bad magic, a version that was not negotiated, a length or
 * count that disagrees with the frame or exceeds a limit, a non-zero reserved field. The peer that
 * receives one closes the connection (after a best-effort ERROR frame); no other connection is
 * affected.
 *
 * <p>The stack trace is not filled in: a malformed frame is an expected input, not a bug here.
 */
public final class MalformedFrameException extends Exception {
    /** @param detail what is wrong, naming the field and the values seen */
    public MalformedFrameException(String detail) {
        super(detail, null, false, false);
    }
}

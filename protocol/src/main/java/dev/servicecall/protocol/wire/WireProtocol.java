package dev.servicecall.protocol.wire;

import dev.servicecall.spi.ParameterMasks;
import dev.servicecall.spi.RoutineNames;

/**
 * Constants of the native wire protocol, as documented in {@code docs/wire-protocol.md}: magic,
 * versions, message types, flags, feature bits and limits. Every multi-byte field on the wire is
 * little-endian.
 */
public final class WireProtocol {
    /** The first four bytes of every frame, ASCII {@code SCWP}, read as a little-endian int. */
    public static final int MAGIC = 0x50574353;
    /** Size of the frame header, in bytes. */
    public static final int HEADER_SIZE = 16;

    /** Version 1.0: HELLO, HELLO_REPLY, CALL, REPLY, ERROR. */
    public static final ProtocolVersion V1_0 = ProtocolVersion.of(1, 0);
    /** Version 1.1: 1.0 plus DESCRIBE and DESCRIPTION; every 1.0 layout unchanged. */
    public static final ProtocolVersion V1_1 = ProtocolVersion.of(1, 1);
    /** The highest version this implementation speaks, and the one it writes before negotiation. */
    public static final ProtocolVersion CURRENT = V1_1;
    /** The versions this implementation speaks. */
    public static final VersionRange SUPPORTED = VersionRange.of(V1_0, V1_1);
    /** The first version with DESCRIBE and DESCRIPTION; on an older connection they are malformed. */
    public static final ProtocolVersion DESCRIBE_SINCE = V1_1;

    /** Client to service, first frame of a connection: versions, features, frame limit. */
    public static final int TYPE_HELLO = 1;
    /** Service to client, answer to HELLO: accepted version and features, or a version refusal. */
    public static final int TYPE_HELLO_REPLY = 2;
    /** Client to service: one call. */
    public static final int TYPE_CALL = 3;
    /** Service to client: the outcome of a call the service handled. */
    public static final int TYPE_REPLY = 4;
    /** Either direction: a failure status and a UTF-8 message. */
    public static final int TYPE_ERROR = 5;
    /** Client to service, since 1.1: asks for a routine's description without calling it. */
    public static final int TYPE_DESCRIBE = 6;
    /** Service to client, since 1.1: name, signature, owner pid, versions and buffer limit of a routine. */
    public static final int TYPE_DESCRIPTION = 7;

    /**
     * CALL flag: buffer lengths are declared but their bytes are not sent, because a buffer
     * exceeds the service's per-parameter limit or the frame would exceed the service's frame
     * limit. The service checks name and signature, then answers service status
     * INVALID_PARAMETER without running the routine.
     */
    public static final int CALL_FLAG_BUFFERS_OMITTED = 0x0001;
    /** The flags a 1.0 CALL may carry. */
    public static final int CALL_FLAGS_KNOWN = CALL_FLAG_BUFFERS_OMITTED;

    /**
     * Feature bit reserved for the shared-memory channel of a later version. Not offered in 1.0;
     * a 1.0 service never accepts it.
     */
    public static final long FEATURE_SHARED_MEMORY = 1L;
    /** The features this implementation accepts: none yet. */
    public static final long FEATURES_SUPPORTED = 0L;

    /** HELLO_REPLY result: the version and features in the reply are in force. */
    public static final int HELLO_ACCEPTED = 0;
    /** HELLO_REPLY result: no common version; the service closes the connection after the reply. */
    public static final int HELLO_VERSION_UNSUPPORTED = 1;

    /** Slot value of a null nullable pointer in a CALL frame. */
    public static final long NULL_POINTER = -1L;

    /** The hard ceiling on any frame payload, whatever a peer announces: 1 GiB. */
    public static final int MAX_FRAME_CEILING = 1 << 30;
    /** The smallest frame limit a peer may announce: 64 KiB. */
    public static final int MIN_FRAME_LIMIT = 64 << 10;
    /** The largest payload of HELLO, HELLO_REPLY and ERROR frames. */
    public static final int MAX_CONTROL_PAYLOAD = 4096;
    /** The longest ERROR message, in UTF-8 bytes. */
    public static final int MAX_ERROR_MESSAGE_BYTES = 4000;
    /** The longest routine name, in bytes (names are ASCII). */
    public static final int MAX_NAME_BYTES = RoutineNames.MAX_LENGTH;
    /** The most parameters in a call. */
    public static final int MAX_PARAMETERS = ParameterMasks.MAX_PARAMETERS;

    private WireProtocol() {
    }

    /** A readable name of a message type, for messages and logs. */
    public static String typeName(int type) {
        switch (type) {
            case TYPE_HELLO: return "HELLO";
            case TYPE_HELLO_REPLY: return "HELLO_REPLY";
            case TYPE_CALL: return "CALL";
            case TYPE_REPLY: return "REPLY";
            case TYPE_ERROR: return "ERROR";
            case TYPE_DESCRIBE: return "DESCRIBE";
            case TYPE_DESCRIPTION: return "DESCRIPTION";
            default: return "type " + type;
        }
    }

    /**
     * The frame limit a service announces for a per-parameter buffer limit: room for
     * {@link #MAX_PARAMETERS} buffers of that size plus the call's fixed part, clamped to
     * {@link #MIN_FRAME_LIMIT}..{@link #MAX_FRAME_CEILING}.
     */
    public static int frameLimitFor(long maxBufferBytes) {
        long perBuffer = Math.min(LittleEndian.align8(Math.max(0, Math.min(maxBufferBytes, MAX_FRAME_CEILING))),
                MAX_FRAME_CEILING);
        long wanted = perBuffer * MAX_PARAMETERS + CallCodec.maxFixedPart();
        return (int) Math.max(MIN_FRAME_LIMIT, Math.min(wanted, MAX_FRAME_CEILING));
    }
}

package dev.servicecall.protocol.wire;

import java.util.HexFormat;

/**
 * One generated input for the service-side decoder: the bytes a client sent, whether they arrive
 * as the first frame of a connection or after a handshake that negotiated {@code negotiated},
 * whether the service's receive buffer is big-endian (the codec must not care), and the recipe
 * that made them, for failure reports.
 */
record HostileFrame(byte[] bytes, boolean afterHandshake, ProtocolVersion negotiated, boolean bigEndianBuffer,
        String recipe) {

    @Override
    public String toString() {
        String hex = HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(bytes.length, 96));
        return recipe + (afterHandshake ? ", after a handshake that negotiated " + negotiated : ", as the first frame")
                + (bigEndianBuffer ? ", big-endian buffer" : "") + ", " + bytes.length + " bytes: " + hex
                + (bytes.length > 96 ? " ..." : "");
    }
}

package dev.servicecall.protocol;

import dev.servicecall.protocol.wire.DescriptionMessage;
import dev.servicecall.protocol.wire.ProtocolVersion;
import dev.servicecall.protocol.wire.VersionRange;
import dev.servicecall.spi.Signatures;
import java.util.OptionalLong;

/**
 * What a registered routine looks like, read with {@link NativeTransport#describe} without calling
 * it: its name, registered signature, the process that registered it, the protocol versions its
 * service speaks and the service's per-parameter buffer limit. Immutable.
 */
public final class RoutineDescription {
    private final String name;
    private final byte[] signature;
    private final long ownerPid;
    private final VersionRange serviceVersions;
    private final ProtocolVersion negotiatedVersion;
    private final long maxBufferBytes;

    RoutineDescription(DescriptionMessage message, ProtocolVersion negotiatedVersion) {
        this.name = message.name();
        this.signature = message.signature();
        this.ownerPid = message.ownerPid();
        this.serviceVersions = message.serviceVersions();
        this.negotiatedVersion = negotiatedVersion;
        this.maxBufferBytes = message.maxBufferBytes();
    }

    /** The routine name. */
    public String name() {
        return name;
    }

    /** The registered signature: raw masks, one per parameter (a copy). */
    public byte[] signature() {
        return signature.clone();
    }

    /** The process that registered the routine, when the service said (it always does in 1.1). */
    public OptionalLong ownerPid() {
        return ownerPid == 0 ? OptionalLong.empty() : OptionalLong.of(ownerPid);
    }

    /** The protocol versions the service speaks. */
    public VersionRange serviceVersions() {
        return serviceVersions;
    }

    /** The version this client and the service use on their connection. */
    public ProtocolVersion negotiatedVersion() {
        return negotiatedVersion;
    }

    /** The service's limit for one pointer parameter, in bytes: a larger buffer gets INVALID_PARAMETER. */
    public long maxBufferBytes() {
        return maxBufferBytes;
    }

    /** E.g. {@code ServerPlusInt(DWORD, DWORD, POINTER) pid 4711, protocol 1.0..1.1, max buffer 268435456}. */
    @Override
    public String toString() {
        return name + Signatures.describe(signature) + " pid " + (ownerPid == 0 ? "unknown" : ownerPid)
                + ", protocol " + serviceVersions + ", max buffer " + maxBufferBytes;
    }
}

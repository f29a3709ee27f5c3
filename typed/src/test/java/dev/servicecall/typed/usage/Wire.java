package dev.servicecall.typed.usage;

import dev.servicecall.api.ServiceCallException;
import dev.servicecall.typed.AsByte;
import dev.servicecall.typed.AsDword;
import dev.servicecall.typed.AsWord;
import dev.servicecall.typed.ByteRef;
import dev.servicecall.typed.In;
import dev.servicecall.typed.InOut;
import dev.servicecall.typed.IntRef;
import dev.servicecall.typed.LongRef;
import dev.servicecall.typed.Mask;
import dev.servicecall.typed.Nullable;
import dev.servicecall.typed.Out;
import dev.servicecall.typed.Routine;
import dev.servicecall.typed.ShortRef;
import dev.servicecall.typed.SuccessStatuses;
import java.nio.ByteBuffer;

/**
 * One method per supported kind of parameter and return, used from another package than the
 * typed layer's, as an application would. The raw signature each must map to is in
 * {@link WireSignatures}.
 */
public interface Wire {
    @Routine("Values")
    int values(byte b, short s, int i, long l) throws ServiceCallException;

    @Routine("Narrowed")
    int narrowed(@AsByte int b, @AsWord int w, @AsDword long d, @AsByte short s) throws ServiceCallException;

    @Routine("RawMasks")
    int rawMasks(@Mask(0x8C) long q, @Mask(0x86) int d, @Mask(0x44) byte[] p, @Mask(0x64) ByteBuffer n, @Mask(0x60) IntRef h)
            throws ServiceCallException;

    @Routine("Arrays")
    int arrays(byte[] a, @Nullable byte[] b) throws ServiceCallException;

    @Routine("Buffers")
    int buffers(ByteBuffer a, @Nullable ByteBuffer b) throws ServiceCallException;

    @Routine("Holders")
    int holders(ByteRef a, ShortRef b, IntRef c, LongRef d) throws ServiceCallException;

    @Routine("Directions")
    int directions(@In IntRef in, @Out IntRef out, @InOut IntRef inOut) throws ServiceCallException;

    @Routine("NullableHolders")
    int nullableHolders(@Nullable LongRef a, @Nullable @Out ShortRef b) throws ServiceCallException;

    @Routine("Check")
    void check(int status) throws ServiceCallException;

    @Routine("Lenient")
    @SuccessStatuses({0, 0x80000005})
    void lenient(@Out IntRef needed) throws ServiceCallException;
}

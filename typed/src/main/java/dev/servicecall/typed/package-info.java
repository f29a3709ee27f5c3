/**
 * Typed interfaces over the raw calls of {@code dev.servicecall.api}: declare a Java interface
 * whose methods are routines ({@link dev.servicecall.typed.Routine @Routine}), call them through
 * {@link dev.servicecall.typed.TypedServiceCall#proxy a proxy} and serve them with
 * {@link dev.servicecall.typed.TypedServiceCall#export an export}.
 *
 * <p>Mapping, in short (the full table is on {@link dev.servicecall.typed.TypedServiceCall}):
 * {@code byte/short/int/long} are BYTE/WORD/DWORD/QWORD values, narrowed by
 * {@link dev.servicecall.typed.AsByte @AsByte}, {@link dev.servicecall.typed.AsWord @AsWord},
 * {@link dev.servicecall.typed.AsDword @AsDword}; {@code byte[]}, {@code ByteBuffer} and the
 * holders {@link dev.servicecall.typed.ByteRef}, {@link dev.servicecall.typed.ShortRef},
 * {@link dev.servicecall.typed.IntRef}, {@link dev.servicecall.typed.LongRef} are POINTER
 * buffers (NULLABLE_POINTER with {@link dev.servicecall.typed.Nullable @Nullable});
 * {@link dev.servicecall.typed.Mask @Mask} gives any raw mask. An {@code int} return is the
 * service status; a {@code void} method throws
 * {@link dev.servicecall.typed.RoutineFailedException} for a status other than success.
 * Typed calls are exactly the raw calls the table describes, so typed and raw clients and
 * services interoperate in both directions.
 */
package dev.servicecall.typed;

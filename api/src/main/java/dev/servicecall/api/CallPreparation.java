package dev.servicecall.api;

import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.ParameterMasks;
import dev.servicecall.spi.RoutineNames;
import java.nio.ByteBuffer;

/**
 * The caller-side checks of SPEC section 2, in the contract's order, turning application
 * parameters into a {@link CallRequest} a transport can trust. Stateless.
 */
final class CallPreparation {
    private CallPreparation() {
    }

    static CallRequest prepare(String name, CallOptions options, Parameter[] parameters) throws ServiceCallException {
        if (name == null) {
            throw new ServiceCallException(NtStatus.ACCESS_VIOLATION, "the routine name is null");
        }
        if (parameters == null) {
            throw new ServiceCallException(NtStatus.ACCESS_VIOLATION, "the parameter list is null");
        }
        if (options == null) {
            throw new ServiceCallException(NtStatus.ACCESS_VIOLATION, "the call options are null");
        }
        int count = parameters.length;
        for (int i = 0; i < count; i++) {
            checkMemory(i, parameters[i]);
        }
        if (count > ParameterMasks.MAX_PARAMETERS) {
            throw new ServiceCallException(NtStatus.INVALID_PARAMETER_2,
                    count + " parameters, the most a call may have is " + ParameterMasks.MAX_PARAMETERS);
        }
        for (int i = 0; i < count; i++) {
            checkMask(i, parameters[i], parameters[i].mask().raw());
        }
        String problem = RoutineNames.problem(name);
        if (problem != null) {
            throw new ServiceCallException(NtStatus.OBJECT_NAME_INVALID, "routine name '" + printable(name) + "': " + problem);
        }
        CallRequest request = RequestCache.take(count).reset(name, options.timeoutNanos());
        for (int i = 0; i < count; i++) {
            Parameter parameter = parameters[i];
            int mask = parameter.mask().raw();
            if (ParameterMasks.isPointer(mask)) {
                request.setBuffer(i, mask, view(parameter));
            } else {
                request.setValue(i, mask, ParameterMasks.truncate(mask, parameter.value()));
            }
        }
        return request;
    }

    /** Gives a request from {@link #prepare} back for reuse by the next call on this thread. */
    static void release(CallRequest request) {
        RequestCache.giveBack(request);
    }

    private static void checkMemory(int index, Parameter parameter) throws ServiceCallException {
        if (parameter == null) {
            throw new ServiceCallException(NtStatus.ACCESS_VIOLATION, "parameter " + index + " is null");
        }
        int offset = parameter.offset();
        int size = parameter.size();
        if (parameter.array() != null) {
            int length = parameter.array().length;
            if (offset < 0 || size < 0 || offset > length - size) {
                throw new ServiceCallException(NtStatus.ACCESS_VIOLATION, "parameter " + index + ": region ["
                        + offset + ", +" + size + ") lies outside its byte[" + length + "]");
            }
        } else if (parameter.byteBuffer() != null) {
            ByteBuffer buffer = parameter.byteBuffer();
            if (size < 0 || offset > buffer.limit() - size) {
                throw new ServiceCallException(NtStatus.ACCESS_VIOLATION, "parameter " + index + ": region ["
                        + offset + ", +" + size + ") lies outside the buffer's limit " + buffer.limit());
            }
            if (buffer.isReadOnly()) {
                throw new ServiceCallException(NtStatus.ACCESS_VIOLATION, "parameter " + index
                        + ": the buffer is read-only, results could not be written back to it");
            }
        }
    }

    private static void checkMask(int index, Parameter parameter, int mask) throws ServiceCallException {
        if (!ParameterMasks.isValid(mask)) {
            throw new ServiceCallException(NtStatus.INVALID_PARAMETER_2, "parameter " + index + ": mask "
                    + ParameterMasks.describe(mask) + " is invalid");
        }
        boolean pointer = ParameterMasks.isPointer(mask);
        if (!pointer && parameter.isBuffer()) {
            throw new ServiceCallException(NtStatus.INVALID_PARAMETER_2, "parameter " + index + ": mask "
                    + ParameterMasks.describe(mask) + " declares a value but a buffer was given");
        }
        if (pointer && !parameter.isBuffer() && !ParameterMasks.isNullable(mask)) {
            throw new ServiceCallException(NtStatus.INVALID_PARAMETER_2, "parameter " + index
                    + ": null for a pointer that is not nullable (use NULLABLE_POINTER)");
        }
    }

    private static ByteBuffer view(Parameter parameter) {
        if (parameter.array() != null) {
            return ByteBuffer.wrap(parameter.array(), parameter.offset(), parameter.size()).slice();
        }
        if (parameter.byteBuffer() != null) {
            ByteBuffer region = parameter.byteBuffer().duplicate();
            region.limit(parameter.offset() + parameter.size()).position(parameter.offset());
            return region.slice();
        }
        return null;
    }

    static String printable(String name) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < name.length() && i < 80; i++) {
            char c = name.charAt(i);
            text.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return name.length() > 80 ? text + "..." : text.toString();
    }
}

package dev.servicecall.protocol;

import java.io.IOException;

/** A read did not complete before the call's deadline. No stack trace: an expected outcome. */
final class DeadlineExceededException extends IOException {
    DeadlineExceededException(String detail) {
        super(detail);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

package dev.servicecall.transport.jna.linux;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Turns paths into the NUL-terminated bytes libc expects, in the encoding the JDK itself uses for
 * file names ({@code sun.jnu.encoding}), so that a path the JDK can open is the same file here.
 * Thread-safe (stateless).
 */
final class NativePaths {
    private static final Charset FILE_NAME_CHARSET = fileNameCharset();

    private NativePaths() {
    }

    private static Charset fileNameCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (RuntimeException unsupported) {
            return StandardCharsets.UTF_8;
        }
    }

    /** The path's bytes without a terminator. */
    static byte[] bytes(Path path) {
        return path.toString().getBytes(FILE_NAME_CHARSET);
    }

    /** The path's bytes followed by one NUL, ready to pass as {@code const char *}. */
    static byte[] cString(Path path) {
        byte[] raw = bytes(path);
        return Arrays.copyOf(raw, raw.length + 1);
    }
}

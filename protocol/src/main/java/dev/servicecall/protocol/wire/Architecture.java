package dev.servicecall.protocol.wire;

import java.util.Locale;

/**
 * The architecture byte of the frame header: the instruction set of the process that wrote the
 * frame. Informative in 1.0 (values are always 64-bit on the wire and byte order is fixed), kept
 * so that a later shared-memory channel can refuse to map between unlike processes.
 */
public final class Architecture {
    /** Not one of the codes below. */
    public static final int UNKNOWN = 0;
    /** 32-bit x86. */
    public static final int X86 = 1;
    /** x86-64 (amd64). */
    public static final int X86_64 = 2;
    /** 32-bit ARM. */
    public static final int ARM = 3;
    /** 64-bit ARM (aarch64). */
    public static final int AARCH64 = 4;
    /** 64-bit RISC-V. */
    public static final int RISCV64 = 5;
    /** 64-bit POWER, little-endian. */
    public static final int PPC64LE = 6;
    /** IBM Z. */
    public static final int S390X = 7;

    private static final int CURRENT = fromOsArch(System.getProperty("os.arch", ""));

    private Architecture() {
    }

    /** The code of this JVM's architecture. */
    public static int current() {
        return CURRENT;
    }

    /** The code for an {@code os.arch} value. */
    public static int fromOsArch(String osArch) {
        switch (osArch.toLowerCase(Locale.ROOT)) {
            case "x86": case "i386": case "i486": case "i586": case "i686": return X86;
            case "amd64": case "x86_64": return X86_64;
            case "arm": case "arm32": return ARM;
            case "aarch64": case "arm64": return AARCH64;
            case "riscv64": return RISCV64;
            case "ppc64le": return PPC64LE;
            case "s390x": return S390X;
            default: return UNKNOWN;
        }
    }

    /** A readable name of a code. */
    public static String name(int code) {
        switch (code) {
            case X86: return "x86";
            case X86_64: return "x86-64";
            case ARM: return "arm";
            case AARCH64: return "aarch64";
            case RISCV64: return "riscv64";
            case PPC64LE: return "ppc64le";
            case S390X: return "s390x";
            default: return "unknown(" + code + ")";
        }
    }
}

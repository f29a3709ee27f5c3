package dev.servicecall.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the run's figures depend on: processors, CPU model, JDK, OS and load. Read from the JVM
 * and, on Linux, from {@code /proc}; anything unreadable is reported as unknown. Immutable.
 *
 * @param processors the processors this JVM may use
 * @param cpuModel the {@code model name} of {@code /proc/cpuinfo}
 * @param jdk the JVM's name, vendor and version
 * @param os the operating system's name, version and architecture
 */
record MachineInfo(int processors, String cpuModel, String jdk, String os) {

    /** This machine. */
    static MachineInfo current() {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), readCpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vm.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
    }

    /** The load averages (1, 5, 15 minutes) from {@code /proc/loadavg}, or "unknown". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String readCpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
            return "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    @Override
    public String toString() {
        return processors + " processors, " + cpuModel + "; " + jdk + "; " + os;
    }
}

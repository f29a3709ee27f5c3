package dev.servicecall.demo;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's processes, as {@code QuerySystemInformation} returns them: a little-endian
 * record list. Layout: {@code u32 count}, then per process {@code i64 pid, i64 parent pid (-1
 * unknown), i64 start time in epoch ms (-1 unknown), i64 total CPU ms (-1 unknown), u16 name
 * length, name bytes (UTF-8, at most 255)}. Immutable.
 */
public final class ProcessSnapshot {
    /** One process. */
    public static final class Entry {
        final long pid;
        final long parentPid;
        final long startMillis;
        final long cpuMillis;
        final String name;

        Entry(long pid, long parentPid, long startMillis, long cpuMillis, String name) {
            this.pid = pid;
            this.parentPid = parentPid;
            this.startMillis = startMillis;
            this.cpuMillis = cpuMillis;
            this.name = name;
        }

        /** The process id. */
        public long pid() {
            return pid;
        }

        /** The command name, possibly empty when the OS does not show it. */
        public String name() {
            return name;
        }

        /** Total CPU time in ms, or -1. */
        public long cpuMillis() {
            return cpuMillis;
        }
    }

    private final List<Entry> entries;

    private ProcessSnapshot(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The processes visible to this one, now. */
    public static ProcessSnapshot take() {
        List<Entry> entries = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(process -> {
            ProcessHandle.Info info = process.info();
            String command = info.command().orElse("");
            String name = command.substring(command.lastIndexOf('/') + 1);
            entries.add(new Entry(process.pid(),
                    process.parent().map(ProcessHandle::pid).orElse(-1L),
                    info.startInstant().map(instant -> instant.toEpochMilli()).orElse(-1L),
                    info.totalCpuDuration().map(duration -> duration.toMillis()).orElse(-1L),
                    name));
        });
        return new ProcessSnapshot(entries);
    }

    /** The processes. */
    public List<Entry> entries() {
        return entries;
    }

    /** The wire form described in the class doc. */
    public byte[] encode() {
        List<byte[]> names = new ArrayList<>();
        int size = 4;
        for (Entry entry : entries) {
            byte[] name = entry.name.getBytes(StandardCharsets.UTF_8);
            if (name.length > 255) {
                name = java.util.Arrays.copyOf(name, 255);
            }
            names.add(name);
            size += 8 * 4 + 2 + name.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            out.putLong(entry.pid).putLong(entry.parentPid).putLong(entry.startMillis).putLong(entry.cpuMillis);
            out.putShort((short) names.get(i).length).put(names.get(i));
        }
        return out.array();
    }

    /**
     * Reads the wire form from the first {@code length} bytes of {@code data}.
     *
     * @throws IllegalArgumentException when the bytes are not a well-formed snapshot
     */
    public static ProcessSnapshot decode(byte[] data, int length) {
        try {
            ByteBuffer in = ByteBuffer.wrap(data, 0, length).order(ByteOrder.LITTLE_ENDIAN);
            int count = in.getInt();
            if (count < 0 || count > length / 34) {
                throw new IllegalArgumentException("process count " + count + " does not fit in " + length + " bytes");
            }
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long pid = in.getLong();
                long parent = in.getLong();
                long start = in.getLong();
                long cpu = in.getLong();
                byte[] name = new byte[in.getShort() & 0xFFFF];
                in.get(name);
                entries.add(new Entry(pid, parent, start, cpu, new String(name, StandardCharsets.UTF_8)));
            }
            return new ProcessSnapshot(entries);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated process snapshot (" + length + " bytes)", e);
        }
    }
}

package dev.servicecall.protocol.os.windows;

import dev.servicecall.protocol.os.BoundName;
import dev.servicecall.spi.RoutineNames;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Collects the routine names of one pipe name space from a listing of {@code \\.\pipe\} (what
 * {@code FindFirstFileW} / {@code FindNextFileW} on {@link #PATTERN} hand out, one pipe at a time):
 * the pipes named {@code PREFIX-NAME}, the prefix compared case-insensitively as Windows compares
 * pipe names, with NAME a valid routine name. A pipe exists only while its process has an instance
 * open, so every name is live. Not thread-safe: one listing, then {@link #names()}.
 */
public final class PipeListing {
    /** The prefix of every local pipe name. */
    public static final String PIPE_NAMESPACE = "\\\\.\\pipe\\";
    /** Lists every pipe of the machine with FindFirstFileW / FindNextFileW. */
    public static final String PATTERN = PIPE_NAMESPACE + "*";

    private final String wanted;
    private final TreeSet<String> names = new TreeSet<>();

    /** @param prefix the name space's pipe-name prefix, without the dash */
    public PipeListing(String prefix) {
        this.wanted = prefix + "-";
    }

    /** Takes one listed pipe (its name without {@code \\.\pipe\}); null and foreign pipes are skipped. */
    public void offer(String pipe) {
        if (pipe != null && pipe.length() > wanted.length() && pipe.regionMatches(true, 0, wanted, 0, wanted.length())) {
            String name = pipe.substring(wanted.length());
            if (RoutineNames.problem(name) == null) {
                names.add(name);
            }
        }
    }

    /** The names taken so far, sorted, each once, all live. */
    public List<BoundName> names() {
        List<BoundName> bound = new ArrayList<>(names.size());
        for (String name : names) {
            bound.add(BoundName.live(name));
        }
        return bound;
    }
}

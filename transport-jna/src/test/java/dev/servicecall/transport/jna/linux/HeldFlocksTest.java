package dev.servicecall.transport.jna.linux;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeldFlocksTest {
    @Test
    void parse_flockHoldersOnly_waitersPosixAndGarbageSkipped() {
        HeldFlocks held = HeldFlocks.parse(List.of(
                "1: FLOCK  ADVISORY  WRITE 27157 fe:00:2154545 0 EOF",
                "2: POSIX  ADVISORY  WRITE 22528 fe:00:111 0 EOF",
                "3: OFDLCK ADVISORY  READ  -1 00:05:222 0 EOF",
                "3: -> FLOCK  ADVISORY  WRITE 9999 fe:00:333 0 EOF",
                "4: FLOCK  ADVISORY  READ 12 00:2e:18446744073709551615 0 EOF",
                "5: FLOCK  ADVISORY  WRITE 12 <none>:0 0 EOF",
                "garbage",
                ""));
        assertTrue(held.isLocked(2154545));
        assertTrue(held.isLocked(-1L), "inode numbers are unsigned 64-bit");
        assertFalse(held.isLocked(111), "POSIX locks are not name claims");
        assertFalse(held.isLocked(222), "OFD locks are not name claims");
        assertFalse(held.isLocked(333), "a waiter holds nothing");
    }
}

package dev.servicecall.protocol.os.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicecall.protocol.os.BoundName;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipeListingTest {
    @Test
    void keepsThisPrefixsValidNames_caseInsensitivePrefix_sorted_once() {
        PipeListing listing = new PipeListing("servicecall-S-1-5");
        for (String pipe : new String[] {"servicecall-S-1-5-calc", "mojo.1234", "servicecall-S-1-5-Alpha.v2",
                "servicecall-S-1-6-other", "servicecall-S-1-5-bad name", "servicecall-S-1-5-", null,
                "SERVICECALL-s-1-5-zeta", "servicecall-S-1-5-calc"}) {
            listing.offer(pipe);
        }
        assertEquals(List.of(BoundName.live("Alpha.v2"), BoundName.live("calc"), BoundName.live("zeta")), listing.names());
        assertEquals("\\\\.\\pipe\\*", PipeListing.PATTERN);
    }

    @Test
    void nothingOffered_isEmpty() {
        assertEquals(List.of(), new PipeListing("p").names());
    }
}

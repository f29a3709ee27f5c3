package dev.servicecall.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls are recorded as JFR events when a recording asks for them. */
class CallEventTest {

    @Test
    void eachCallIsRecordedWithStatusesAndBytes(@TempDir Path dir) throws Exception {
        Transport transport = mock(Transport.class);
        when(transport.call(any(CallRequest.class))).thenReturn(7)
                .thenThrow(new StatusException(NtStatus.INVALID_PARAMETER_1, "no such routine"));
        Path file = dir.resolve("calls.jfr");
        try (Recording recording = new Recording(); TransportSession session = new TransportSession("mock", transport)) {
            recording.enable("dev.servicecall.Call").withThreshold(java.time.Duration.ZERO);
            recording.start();
            assertEquals(7, session.call("Echo", Parameter.dword(1), Parameter.pointer(new byte[100])));
            assertThrows(ServiceCallException.class, () -> session.call("Missing"));
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(event -> event.getEventType().getName().equals("dev.servicecall.Call")).collect(Collectors.toList());
        assertEquals(2, events.size(), "one event per call");
        assertEquals("Echo", events.get(0).getString("routine"));
        assertEquals(0, events.get(0).getInt("transportStatus"));
        assertEquals(7, events.get(0).getInt("serviceStatus"));
        assertEquals(100, events.get(0).getLong("bufferBytes"));
        assertEquals(NtStatus.INVALID_PARAMETER_1, events.get(1).getInt("transportStatus"));
        Files.deleteIfExists(file);
    }
}

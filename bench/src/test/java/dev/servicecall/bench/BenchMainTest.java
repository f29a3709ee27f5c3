package dev.servicecall.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchMainTest {

    @Test
    void arguments_modeRowsAndOutputDirectory() {
        BenchMain.Arguments arguments = BenchMain.Arguments.parse(
                new String[] {"full", "--rows", "nio,jna", "--out", "bench/target"});
        assertEquals(BenchMode.FULL, arguments.mode);
        assertEquals(Set.of("nio", "jna"), arguments.rows);
        assertEquals(Path.of("bench/target"), arguments.out);
        assertEquals("./bench.sh full --rows nio,jna", arguments.command());
    }

    @Test
    void arguments_defaultToAQuickRunOfEveryRow() {
        BenchMain.Arguments arguments = BenchMain.Arguments.parse(new String[0]);
        assertEquals(BenchMode.QUICK, arguments.mode);
        assertEquals(Set.of(), arguments.rows);
        assertEquals("./bench.sh quick", arguments.command());
    }

    @Test
    void arguments_rejectUnknownModesAndMissingValues() {
        assertThrows(IllegalArgumentException.class, () -> BenchMain.Arguments.parse(new String[] {"slow"}));
        assertThrows(IllegalArgumentException.class, () -> BenchMain.Arguments.parse(new String[] {"--rows"}));
        assertThrows(IllegalArgumentException.class,
                () -> BenchMain.Arguments.parse(new String[] {"--profile", "async"}));
        assertEquals("jfr", BenchMain.Arguments.parse(new String[] {"--profile", "jfr"}).profile);
    }
}

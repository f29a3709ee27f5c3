package dev.servicecall.typed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.Signature;
import dev.servicecall.transport.inmemory.InMemoryServiceCall;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The mapping is checked once, when a proxy or export is created: rejected interfaces, each with a
 * message naming the method and the parameter index and type.
 */
@Timeout(10)
class InterfaceRulesTest {

    // ---- rejected interfaces ---------------------------------------------------------------

    static class NotAnInterface {
    }

    @Test
    void rejected_class_isNotAnInterface() {
        assertProblems(NotAnInterface.class,
                "NotAnInterface is a class, not an interface; declare an interface of @Routine methods");
    }

    @interface AnAnnotation {
    }

    @Test
    void rejected_annotationType() {
        assertProblems(AnAnnotation.class,
                "AnAnnotation is an annotation type; declare an ordinary interface of @Routine methods");
    }

    interface MissingRoutine {
        @Routine("Plus")
        int plus(int a, int b) throws ServiceCallException;

        int minus(int a, int b) throws ServiceCallException;
    }

    @Test
    void rejected_abstractMethodWithoutRoutine() {
        assertProblems(MissingRoutine.class,
                "MissingRoutine.minus: no @Routine; every abstract method must name the routine it calls");
    }

    interface Calculator {
        @Routine("ServerPlusInt")
        int plus(int a, int b, String result) throws ServiceCallException;
    }

    @Test
    void rejected_unsupportedParameterType_namesMethodIndexAndType() {
        assertProblems(Calculator.class, "Calculator.plus parameter 2 (String): not a value (byte, short, int, long),"
                + " buffer (byte[], ByteBuffer) or holder (ByteRef, ShortRef, IntRef, LongRef) type");
    }

    interface OtherUnsupported {
        @Routine("A")
        int a(Integer boxed, double floating, boolean flag, int[] ints, Object anything) throws ServiceCallException;
    }

    @Test
    void rejected_unsupportedParameterTypes_withHints() {
        String supported = "not a value (byte, short, int, long), buffer (byte[], ByteBuffer)"
                + " or holder (ByteRef, ShortRef, IntRef, LongRef) type";
        assertProblems(OtherUnsupported.class,
                "OtherUnsupported.a parameter 0 (Integer): a boxed value; use the primitive int (values cannot be null)",
                "OtherUnsupported.a parameter 1 (double): " + supported + "; floating point travels only inside buffers (a ByteBuffer)",
                "OtherUnsupported.a parameter 2 (boolean): " + supported + "; send it as a byte, short or int",
                "OtherUnsupported.a parameter 3 (int[]): " + supported + "; the only array buffer is byte[] (view other data through a ByteBuffer)",
                "OtherUnsupported.a parameter 4 (Object): " + supported);
    }

    interface BadReturn {
        @Routine("A")
        long a(int x) throws ServiceCallException;

        @Routine("B")
        Integer b(int x) throws ServiceCallException;
    }

    @Test
    void rejected_unsupportedReturnType() {
        String rule = "; a routine method returns int (the service status, as is) or void"
                + " (a status other than success thrown as RoutineFailedException)";
        assertProblems(BadReturn.class, "BadReturn.a: returns long" + rule, "BadReturn.b: returns Integer" + rule);
    }

    interface NoThrows {
        @Routine("A")
        int a(int x);

        @Routine("B")
        int b(int x) throws IllegalStateException;
    }

    @Test
    void rejected_missingThrowsClause() {
        String rule = ": does not declare 'throws ServiceCallException'; transport failures are checked exceptions a caller must handle";
        assertProblems(NoThrows.class, "NoThrows.a" + rule, "NoThrows.b" + rule);
    }

    interface SupertypeThrows {
        @Routine("A")
        int a(int x) throws Exception;

        @Routine("B")
        void b(int x) throws java.io.IOException, ServiceCallException;
    }

    @Test
    void accepted_throwsSupertypeOfServiceCallException() {
        assertEquals(List.of("A", "B"), List.copyOf(TypedServiceCall.signatures(SupertypeThrows.class).keySet()));
    }

    interface ConflictingAnnotations {
        @Routine("A")
        int a(@AsWord @AsDword int twoWidths, @Mask(0x84) @AsDword int maskAndWidth, @Mask(0x60) @Nullable byte[] maskAndNullable,
                @In @Out IntRef twoDirections, @AsWord IntRef widthOnHolder, @Out byte[] outOnArray, @In ByteBuffer inOnBuffer,
                @Out int outOnValue) throws ServiceCallException;
    }

    @Test
    void rejected_conflictingAnnotations() {
        assertProblems(ConflictingAnnotations.class,
                "ConflictingAnnotations.a parameter 0 (int): conflicting widths @AsWord and @AsDword; give one",
                "ConflictingAnnotations.a parameter 1 (int): @Mask gives the whole mask; drop @AsDword",
                "ConflictingAnnotations.a parameter 2 (byte[]): @Mask gives the whole mask; drop @Nullable (a pointer mask with bit 0x20 is nullable)",
                "ConflictingAnnotations.a parameter 3 (IntRef): conflicting directions @In and @Out; give one",
                "ConflictingAnnotations.a parameter 4 (IntRef): @AsWord on a pointer: widths apply to values (byte, short, int, long);"
                        + " a buffer's size is the caller's, a holder's is its type's",
                "ConflictingAnnotations.a parameter 5 (byte[]): @Out on a buffer: byte[] and ByteBuffer are always sent and written"
                        + " back whole, as by the raw API; use a holder, or pass a copy",
                "ConflictingAnnotations.a parameter 6 (ByteBuffer): @In on a buffer: byte[] and ByteBuffer are always sent and written"
                        + " back whole, as by the raw API; use a holder, or pass a copy",
                "ConflictingAnnotations.a parameter 7 (int): @Out on a value: values travel to the routine only;"
                        + " use a holder (ByteRef, ShortRef, IntRef, LongRef) for a result");
    }

    interface WidthsTooWide {
        @Routine("A")
        int a(@AsQword int tooWide, @AsDword short alsoTooWide, @AsWord byte stillTooWide, @Mask(0x88) int maskTooWide)
                throws ServiceCallException;
    }

    @Test
    void rejected_widthWiderThanJavaType() {
        assertProblems(WidthsTooWide.class,
                "WidthsTooWide.a parameter 0 (int): @AsQword is 8 bytes wide, wider than int (4 bytes); use long",
                "WidthsTooWide.a parameter 1 (short): @AsDword is 4 bytes wide, wider than short (2 bytes); use int",
                "WidthsTooWide.a parameter 2 (byte): @AsWord is 2 bytes wide, wider than byte (1 bytes); use int",
                "WidthsTooWide.a parameter 3 (int): @Mask(0x88) is 8 bytes wide, wider than int (4 bytes); use long");
    }

    interface BadMasks {
        @Routine("A")
        int a(@Mask(0x40) int pointerOnValue, @Mask(0x84) byte[] valueOnPointer, @Mask(0x90) long reserved,
                @Mask(0xC4) long valueAndPointer, @Mask(0x80) long valueWithoutSize, @Mask(0x04) ByteBuffer neither,
                @Mask(0x1FF) long notAByte) throws ServiceCallException;
    }

    @Test
    void rejected_invalidOrMisplacedRawMasks() {
        assertProblems(BadMasks.class,
                "BadMasks.a parameter 0 (int): @Mask(0x40) declares a pointer, but int is a value",
                "BadMasks.a parameter 1 (byte[]): @Mask(0x84) declares a value, but byte[] is a pointer",
                "BadMasks.a parameter 2 (long): @Mask(0x90) is not a valid mask: bit 0x10 is reserved",
                "BadMasks.a parameter 3 (long): @Mask(0xC4) is not a valid mask: a value (0x80) cannot also be a pointer (0x40) or nullable (0x20)",
                "BadMasks.a parameter 4 (long): @Mask(0x80) is not a valid mask: a value (0x80) needs a size bit (0x01, 0x02, 0x04 or 0x08)",
                "BadMasks.a parameter 5 (ByteBuffer): @Mask(0x04) is not a valid mask: neither a value (0x80) nor a pointer (0x40)",
                "BadMasks.a parameter 6 (long): @Mask(511) is not one byte (0..255)");
    }

    interface Duplicates {
        @Routine("Same")
        int first(int a) throws ServiceCallException;

        @Routine("Same")
        int second(byte[] a) throws ServiceCallException;
    }

    @Test
    void rejected_duplicateRoutineNames() {
        assertProblems(Duplicates.class,
                "Duplicates.first and Duplicates.second: both call routine 'Same'; one method per routine");
    }

    interface NullableValue {
        @Routine("A")
        int a(@Nullable int value) throws ServiceCallException;
    }

    @Test
    void rejected_nullableOnValue() {
        assertProblems(NullableValue.class,
                "NullableValue.a parameter 0 (int): @Nullable on a value: values cannot be null; only byte[], ByteBuffer and holders can");
    }

    interface BadNames {
        @Routine("")
        int empty() throws ServiceCallException;

        @Routine("has space")
        int space() throws ServiceCallException;
    }

    @Test
    void rejected_invalidRoutineNames() {
        assertProblems(BadNames.class,
                "BadNames.empty: routine name '' is invalid: the name is empty",
                "BadNames.space: routine name 'has space' is invalid: character U+0020 at index 3 is not one of A-Z a-z 0-9 . _ -");
    }

    interface RoutineOnDefault {
        @Routine("A")
        default int a() throws ServiceCallException {
            return 0;
        }

        @Routine("B")
        int b() throws ServiceCallException;
    }

    @Test
    void rejected_routineOnDefaultMethod() {
        assertProblems(RoutineOnDefault.class,
                "RoutineOnDefault.a: @Routine on a default method; a default method runs locally, so remove @Routine or the body");
    }

    interface BadSuccessStatuses {
        @Routine("A")
        @SuccessStatuses({0, 1})
        int onInt() throws ServiceCallException;

        @Routine("B")
        @SuccessStatuses({})
        void empty() throws ServiceCallException;
    }

    @Test
    void rejected_misusedSuccessStatuses() {
        assertProblems(BadSuccessStatuses.class,
                "BadSuccessStatuses.empty: @SuccessStatuses lists no status; give at least one (usually 0)",
                "BadSuccessStatuses.onInt: @SuccessStatuses on a method returning int, which returns every status as is;"
                        + " declare it void or drop @SuccessStatuses");
    }

    interface Empty {
    }

    interface TooManyParameters {
        @Routine("A")
        int a(int p0, int p1, int p2, int p3, int p4, int p5, int p6, int p7, int p8, int p9, int p10, int p11, int p12, int p13, int p14, int p15, int p16, int p17, int p18, int p19, int p20, int p21, int p22, int p23, int p24, int p25, int p26, int p27, int p28, int p29, int p30, int p31, int p32, int p33, int p34, int p35, int p36, int p37, int p38, int p39, int p40, int p41, int p42, int p43, int p44, int p45, int p46, int p47, int p48, int p49, int p50, int p51, int p52, int p53, int p54, int p55, int p56, int p57, int p58, int p59, int p60, int p61, int p62, int p63, int p64) throws ServiceCallException;
    }

    @Test
    void rejected_moreThan64Parameters() {
        assertProblems(TooManyParameters.class, "TooManyParameters.a: 65 parameters, more than a routine may have (64)");
    }

    @Test
    void rejected_interfaceWithoutRoutines() {
        assertProblems(Empty.class, "Empty declares no @Routine method");
    }

    interface Overloaded {
        @Routine("A")
        int call(int a) throws ServiceCallException;

        @Routine("B")
        int call(String a) throws ServiceCallException;
    }

    @Test
    void rejected_overloadedMethod_isNamedWithItsParameterTypes() {
        assertProblems(Overloaded.class, "Overloaded.call(String) parameter 0 (String): not a value (byte, short, int, long),"
                + " buffer (byte[], ByteBuffer) or holder (ByteRef, ShortRef, IntRef, LongRef) type");
    }

    sealed interface Sealed permits SealedImpl {
        @Routine("A")
        int a() throws ServiceCallException;
    }

    static final class SealedImpl implements Sealed {
        @Override
        public int a() {
            return 0;
        }
    }

    @Test
    void rejected_sealedInterface_forProxiesOnly() throws Exception {
        try (InMemoryServiceCall sc = InMemoryServiceCall.create()) {
            InvalidRoutineInterfaceException failure = assertThrows(InvalidRoutineInterfaceException.class,
                    () -> TypedServiceCall.proxy(sc, Sealed.class));
            assertEquals(List.of("Sealed is sealed, and a sealed interface cannot be proxied; remove 'sealed'"), failure.problems());
            try (TypedExport export = TypedServiceCall.export(sc, Sealed.class, new SealedImpl())) {
                assertTrue(export.isRegistered());
            }
        }
    }

    @Test
    void rejected_atProxyAndExportCreation_beforeAnythingIsRegistered() {
        try (InMemoryServiceCall sc = InMemoryServiceCall.create()) {
            InvalidRoutineInterfaceException proxy = assertThrows(InvalidRoutineInterfaceException.class,
                    () -> TypedServiceCall.proxy(sc, MissingRoutine.class));
            MissingRoutine implementation = new MissingRoutine() {
                @Override
                public int plus(int a, int b) {
                    return 0;
                }

                @Override
                public int minus(int a, int b) {
                    return 0;
                }
            };
            InvalidRoutineInterfaceException export = assertThrows(InvalidRoutineInterfaceException.class,
                    () -> TypedServiceCall.export(sc, MissingRoutine.class, implementation));
            assertEquals(proxy.problems(), export.problems());
            ServiceCallException notRegistered = assertThrows(ServiceCallException.class, () -> sc.call("Plus",
                    dev.servicecall.api.Parameter.dword(1), dev.servicecall.api.Parameter.dword(2)));
            assertTrue(notRegistered.is(dev.servicecall.api.Status.INVALID_PARAMETER_1), notRegistered.getMessage());
        }
    }

    @Test
    void message_namesTheInterfaceAndListsEveryProblemOnItsOwnLine() {
        InvalidRoutineInterfaceException failure = assertThrows(InvalidRoutineInterfaceException.class,
                () -> TypedServiceCall.signatures(NoThrows.class));
        String nl = System.lineSeparator();
        assertEquals(NoThrows.class.getName() + " is not a valid typed routine interface:" + nl
                + "  " + failure.problems().get(0) + nl + "  " + failure.problems().get(1), failure.getMessage());
    }

    // ---- accepted interfaces: the mapping table ----------------------------------------------

    interface Mapping {
        @Routine("Values")
        int values(byte b, short s, int i, long l) throws ServiceCallException;

        @Routine("Narrowed")
        int narrowed(@AsByte int b, @AsWord int w, @AsDword long d, @AsByte long bl, @AsWord short s, @AsByte byte same,
                @AsQword long q) throws ServiceCallException;

        @Routine("Pointers")
        void pointers(byte[] a, ByteBuffer b, ByteRef c, ShortRef d, IntRef e, LongRef f) throws ServiceCallException;

        @Routine("Nullable")
        void nullable(@Nullable byte[] a, @Nullable ByteBuffer b, @Nullable @Out IntRef c) throws ServiceCallException;

        @Routine("Raw")
        int raw(@Mask(0x8C) long a, @Mask(0x83) short b, @Mask(0x81) int c, @Mask(0x44) byte[] d, @Mask(0x64) ByteBuffer e,
                @Mask(0x60) LongRef f, @InOut byte[] g) throws ServiceCallException;

        @Routine("None")
        void none() throws ServiceCallException;

        default int helper() throws ServiceCallException {
            return values((byte) 1, (short) 2, 3, 4);
        }

        static int utility() {
            return 1;
        }

        @Override
        String toString();
    }

    @Test
    void mapping_valuesByWidth_pointersForBuffersAndHolders_rawMasksAsGiven() {
        List<String> expected = List.of(
                "Narrowed=(BYTE, WORD, DWORD, BYTE, WORD, BYTE, QWORD)",
                "None=()",
                "Nullable=(NULLABLE_POINTER, NULLABLE_POINTER, NULLABLE_POINTER)",
                "Pointers=(POINTER, POINTER, POINTER, POINTER, POINTER, POINTER)",
                "Raw=(0x8C, 0x83, BYTE, 0x44, 0x64, NULLABLE_POINTER, POINTER)",
                "Values=(BYTE, WORD, DWORD, QWORD)");
        List<String> actual = new java.util.ArrayList<>();
        TypedServiceCall.signatures(Mapping.class).forEach((name, signature) -> actual.add(name + "=" + signature));
        assertEquals(expected, actual);
        assertEquals(Signature.ofRaw((byte) 0x8C, (byte) 0x83, (byte) 0x81, (byte) 0x44, (byte) 0x64, (byte) 0x60, (byte) 0x40),
                TypedServiceCall.signatures(Mapping.class).get("Raw"));
    }

    private static void assertProblems(Class<?> type, String... expected) {
        InvalidRoutineInterfaceException failure = assertThrows(InvalidRoutineInterfaceException.class,
                () -> TypedServiceCall.signatures(type));
        assertEquals(List.of(expected), failure.problems(), failure.getMessage());
    }
}

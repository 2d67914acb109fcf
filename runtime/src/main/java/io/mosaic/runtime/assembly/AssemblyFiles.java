package io.mosaic.runtime.assembly;

import io.mosaic.runtime.assembly.yaml.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads an assembly's bytes as an input that may be anything: only a regular file (not a directory, a device such as
 * {@code /dev/zero}, or a FIFO that would block), at most {@value #MAX_BYTES} bytes, decoded strictly as UTF-8.
 */
public final class AssemblyFiles {
    /** The largest assembly read: 1 MiB, a thousand times the size of the shipped ones. */
    public static final int MAX_BYTES = 1 << 20;
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private AssemblyFiles() {
    }

    /**
     * The text of the assembly file {@code file}.
     *
     * @throws AssemblyException naming the file when it is missing, not a regular file, larger than
     *                           {@value #MAX_BYTES} bytes, unreadable, or not UTF-8 (with the byte offset and line)
     */
    public static String read(Path file) {
        String source = file.toString();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new AssemblyException(new Origin(source, 0), "assembly file does not exist ("
                    + file.toAbsolutePath() + ")");
        }
        if (!attributes.isRegularFile()) {
            throw new AssemblyException(new Origin(source, 0), "not an assembly file: it is "
                    + (attributes.isDirectory() ? "a directory" : "not a regular file (a device, pipe or socket)"));
        }
        checkSize(source, attributes.size());
        try (InputStream in = Files.newInputStream(file)) {
            return decode(source, in.readNBytes(MAX_BYTES + 1));
        } catch (IOException e) {
            throw new AssemblyException(new Origin(source, 0), "cannot read the assembly file: " + e.getMessage());
        }
    }

    /**
     * {@code bytes} decoded as UTF-8.
     *
     * @throws AssemblyException at the line of the first byte that is not UTF-8, giving its offset
     */
    public static String decode(String source, byte[] bytes) {
        checkSize(source, bytes.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            String text = decoder.decode(buffer).toString();
            return text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            int offset = firstInvalid(bytes);
            throw new AssemblyException(new Origin(source, lineAt(bytes, offset)), "not UTF-8 text: byte "
                    + offset + " (0x" + Integer.toHexString(bytes[offset] & 0xff) + ")"
                    + " is not valid UTF-8; an assembly is a UTF-8 YAML file");
        }
    }

    /**
     * @param length the size in bytes, or at least {@value #MAX_BYTES} + 1 when only that much was read
     * @throws AssemblyException when {@code length} bytes are more than an assembly may have
     */
    public static void checkSize(String source, long length) {
        if (length > MAX_BYTES) {
            throw new AssemblyException(new Origin(source, 0), "too large for an assembly: "
                    + (length > MAX_BYTES + 1 ? length + " bytes" : "more than " + MAX_BYTES + " bytes")
                    + "; an assembly has at most " + MAX_BYTES + " bytes (1 MiB)");
        }
    }

    /** The offset of the first byte where UTF-8 decoding fails. */
    private static int firstInvalid(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}

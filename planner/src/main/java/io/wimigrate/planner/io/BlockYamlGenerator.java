package io.wimigrate.planner.io;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.base.GeneratorBase;
import com.fasterxml.jackson.core.json.JsonWriteContext;
import io.wimigrate.planner.io.YamlScalarStyle.Rendering;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes what Jackson serialises as block YAML, byte for byte as jackson-dataformat-yaml 2.18 with snakeyaml 2.3 writes
 * it in plan.yaml's settings (no document marker, no line splitting, minimal quotes, numbers in strings quoted,
 * sequences indented with their indicator), several times faster: snakeyaml's emitter queues an event object per
 * value and scans each scalar through lookup tables, which made writing a 59,000-step plan most of the planner
 * benchmark's time. Block structure follows snakeyaml's emitter states; an empty sequence or mapping is written in
 * flow style ({@code []}, {@code {}}), which needs one event of look-ahead. A blank line goes before each sequence
 * item that is a mapping whose first key is {@code separatedKey}, so a diff of plan.yaml shows whole steps.
 */
final class BlockYamlGenerator extends GeneratorBase {

    private static final int NO_INDENT = -1;
    private static final int INDENT = 2;
    private static final int INDICATOR_INDENT = 2;

    private final String separatedKey;
    private final YamlText text = new YamlText();
    private final Deque<Block> collections = new ArrayDeque<>();
    private final Deque<Integer> indents = new ArrayDeque<>();
    /** Property names repeat in every record: how each is written, decided once. */
    private final Map<String, Name> names = new HashMap<>();
    private int indent = NO_INDENT;
    /** Whether the node being written is a mapping value (a sequence there may go without extra indentation). */
    private boolean mappingContext;
    /** A sequence or mapping started but not written yet: the next event tells whether it is empty. */
    private Block pending;

    private record Name(boolean simpleKey, Rendering rendering) {

        private static Name of(String name) {
            boolean simple = YamlScalarStyle.isSimpleKey(name);
            return new Name(simple, YamlScalarStyle.forName(name, simple));
        }
    }

    /** A block sequence or mapping being written. */
    private static final class Block {
        private final boolean mapping;
        private boolean first = true;
        private boolean simpleKey;

        private Block(boolean mapping) {
            this.mapping = mapping;
        }
    }

    BlockYamlGenerator(String separatedKey) {
        super(0, null);
        this.separatedKey = separatedKey;
    }

    /** The YAML written, complete once the generator is closed. */
    StringBuilder text() {
        return text.builder();
    }

    @Override
    public void writeStartArray() throws IOException {
        start(false);
    }

    @Override
    public void writeStartObject() throws IOException {
        start(true);
    }

    private void start(boolean mapping) throws IOException {
        _verifyValueWrite(mapping ? "start an object" : "start an array");
        _writeContext = mapping ? _writeContext.createChildObjectContext()
                : _writeContext.createChildArrayContext();
        writePending(null);
        pending = new Block(mapping);
    }

    @Override
    public void writeEndArray() throws IOException {
        if (!_writeContext.inArray()) {
            _reportError("Current context not Array but " + _writeContext.typeDesc());
        }
        end(false);
    }

    @Override
    public void writeEndObject() throws IOException {
        if (!_writeContext.inObject()) {
            _reportError("Current context not Object but " + _writeContext.typeDesc());
        }
        end(true);
    }

    private void end(boolean mapping) {
        _writeContext = _writeContext.getParent();
        if (pending != null) {
            pending = null;
            prefix(false);
            text.indicator(mapping ? "{" : "[", true, true, false);
            text.indicator(mapping ? "}" : "]", false, false, false);
            return;
        }
        collections.pop();
        indent = indents.pop();
    }

    /** Writes a started collection, now known not to be empty; {@code firstKey} when its first event is a key. */
    private void writePending(String firstKey) {
        if (pending == null) {
            return;
        }
        Block collection = pending;
        pending = null;
        prefix(collection.mapping && separatedKey.equals(firstKey));
        increaseIndent(false, !collection.mapping && mappingContext && !text.indention());
        collections.push(collection);
    }

    /** What the enclosing collection writes before a value: the ':' after its key, or the '-' of an item. */
    private void prefix(boolean separated) {
        Block parent = collections.peek();
        if (parent == null) {
            mappingContext = false;
        } else if (parent.mapping) {
            if (parent.simpleKey) {
                text.indicator(":", false, false, false);
            } else {
                text.indent(currentIndent());
                text.indicator(":", true, false, true);
            }
            mappingContext = true;
        } else {
            if (separated && text.breaksLine(currentIndent())) {
                text.blankLine();
            }
            text.indent(currentIndent());
            if (parent.first) {
                text.whitespace(INDICATOR_INDENT);
            }
            text.indicator("-", true, false, true);
            if (parent.first) {
                indent += INDICATOR_INDENT;
            }
            parent.first = false;
            mappingContext = false;
        }
    }

    private int currentIndent() {
        return indent == NO_INDENT ? 0 : indent;
    }

    private void increaseIndent(boolean flow, boolean indentless) {
        indents.push(indent);
        if (indent == NO_INDENT) {
            indent = flow ? INDENT : 0;
        } else if (!indentless) {
            indent += INDENT;
        }
    }

    @Override
    public void writeFieldName(String name) throws IOException {
        if (_writeContext.writeFieldName(name) == JsonWriteContext.STATUS_EXPECT_VALUE) {
            _reportError("Can not write a field name, expecting a value");
        }
        writePending(name);
        Block mapping = collections.peek();
        text.indent(currentIndent());
        Name written = names.computeIfAbsent(name, Name::of);
        mapping.simpleKey = written.simpleKey();
        if (!mapping.simpleKey) {
            text.indicator("?", true, false, true);
        }
        scalar(name, written.rendering());
    }

    @Override
    public void writeFieldName(SerializableString name) throws IOException {
        writeFieldName(name.getValue());
    }

    private void value(String value, Rendering rendering) throws IOException {
        _verifyValueWrite("write a value");
        writePending(null);
        prefix(false);
        scalar(value, rendering);
    }

    /** A scalar is indented one step further than its collection (snakeyaml pushes and pops that indent). */
    private void scalar(String value, Rendering rendering) {
        text.scalar(value, rendering, indent == NO_INDENT ? INDENT : indent + INDENT);
    }

    /** A number, boolean or null: Jackson asks for these plain. */
    private void plain(String value) throws IOException {
        if (value == null) {
            writeNull();
        } else {
            value(value, YamlScalarStyle.forPlain(value));
        }
    }

    @Override
    public void writeString(String value) throws IOException {
        if (value == null) {
            writeNull();
        } else {
            value(value, YamlScalarStyle.forValue(value));
        }
    }

    @Override
    public void writeString(char[] value, int offset, int length) throws IOException {
        writeString(new String(value, offset, length));
    }

    @Override
    public void writeUTF8String(byte[] value, int offset, int length) throws IOException {
        writeString(new String(value, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void writeRawUTF8String(byte[] value, int offset, int length) {
        _reportUnsupportedOperation();
    }

    @Override
    public void writeRaw(String raw) {
        _reportUnsupportedOperation();
    }

    @Override
    public void writeRaw(String raw, int offset, int length) {
        _reportUnsupportedOperation();
    }

    @Override
    public void writeRaw(char[] raw, int offset, int length) {
        _reportUnsupportedOperation();
    }

    @Override
    public void writeRaw(char raw) {
        _reportUnsupportedOperation();
    }

    @Override
    public void writeBinary(Base64Variant variant, byte[] data, int offset, int length) {
        _reportUnsupportedOperation();
    }

    @Override
    public int writeBinary(Base64Variant variant, InputStream data, int length) {
        _reportUnsupportedOperation();
        return 0;
    }

    @Override
    public void writeNumber(int value) throws IOException {
        plain(String.valueOf(value));
    }

    @Override
    public void writeNumber(long value) throws IOException {
        plain(String.valueOf(value));
    }

    @Override
    public void writeNumber(BigInteger value) throws IOException {
        plain(value == null ? null : value.toString());
    }

    @Override
    public void writeNumber(double value) throws IOException {
        plain(String.valueOf(value));
    }

    @Override
    public void writeNumber(float value) throws IOException {
        plain(String.valueOf(value));
    }

    @Override
    public void writeNumber(BigDecimal value) throws IOException {
        plain(value == null ? null
                : isEnabled(Feature.WRITE_BIGDECIMAL_AS_PLAIN) ? value.toPlainString() : value.toString());
    }

    @Override
    public void writeNumber(String encoded) throws IOException {
        plain(encoded);
    }

    @Override
    public void writeBoolean(boolean value) throws IOException {
        plain(value ? "true" : "false");
    }

    @Override
    public void writeNull() throws IOException {
        value("null", YamlScalarStyle.forPlain("null"));
    }

    @Override
    public void flush() {
        // Nothing is buffered beyond the text itself.
    }

    /** Ends the document: its last line gets its line break. */
    @Override
    public void close() throws IOException {
        if (!isClosed()) {
            text.indent(0);
            super.close();
        }
    }

    @Override
    protected void _releaseBuffers() {
        // No pooled buffers.
    }

    @Override
    protected void _verifyValueWrite(String typeMsg) throws IOException {
        if (_writeContext.writeValue() == JsonWriteContext.STATUS_EXPECT_NAME) {
            _reportError("Can not " + typeMsg + ", expecting field name");
        }
    }
}

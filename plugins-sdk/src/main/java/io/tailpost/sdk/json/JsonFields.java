package io.tailpost.sdk.json;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An event's fields taken from a JSON object, kept as the object's bytes until something
 * asks for them as Java objects.
 *
 * <p>{@link #parseObject} checks the whole text once (grammar, UTF-8, no duplicate or
 * escaped top-level names) and notes where each top-level name is. Writing the event as
 * JSON ({@link EventJson#writeEvent}) then copies the members' bytes as they are, and
 * {@link #containsKey} answers from the bytes. Anything else (reading a value, iterating,
 * a change) turns the bytes into a map once, of {@code String}, {@code Long},
 * {@code Double}, {@code Boolean}, {@code null}, {@code List} and {@code Map} values, in
 * order; a number beyond the range of {@code long} (integers) or {@code double} stays a
 * {@code String} holding it as written.
 *
 * <p>The bytes are referenced, not copied, and must not change afterwards (an event's
 * message array never does). Reading from several threads at once is safe (the senders of
 * a pipeline share its events); changing it is for one thread, like the event that holds it.
 */
public final class JsonFields extends AbstractMap<String, Object> {
    private static final int MAX_DEPTH = 256;

    private final byte[] data;
    /** Where the first member's name starts (its quote) and the last member's value ends. */
    private final int membersStart;
    private final int membersEnd;
    /** Per top-level member: the name's first byte and the index of its closing quote. */
    private final int[] names;
    private final int count;
    /**
     * The objects, once made. Volatile and set only when complete: the senders of one
     * pipeline read the same event at once, and each sees either the bytes or the whole map.
     */
    private volatile Map<String, Object> map;

    private JsonFields(byte[] data, int membersStart, int membersEnd, int[] names, int count) {
        this.data = data;
        this.membersStart = membersStart;
        this.membersEnd = membersEnd;
        this.names = names;
        this.count = count;
    }

    /**
     * The fields of the JSON object that {@code length} bytes of {@code data} from
     * {@code offset} hold (whitespace around it allowed), or {@code null} when they are not
     * one well-formed object, or it repeats a top-level name or writes one with escapes:
     * the caller then parses them by other means, which also says what is wrong.
     */
    public static JsonFields parseObject(byte[] data, int offset, int length) {
        return new Checker(data, offset, offset + length).object();
    }

    /** Whether the fields are still only bytes (nothing asked for them as objects). */
    boolean raw() {
        return map == null;
    }

    /** Appends the members as written ({@code "name":value,...}, no braces); only while {@link #raw()}. */
    void writeMembers(ByteArrayBuilder out) {
        out.write(data, membersStart, membersEnd - membersStart);
    }

    @Override
    public int size() {
        return map != null ? map.size() : count;
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        if (map != null || !(key instanceof String)) {
            return objects().containsKey(key);
        }
        String k = (String) key;
        for (int m = 0; m < count; m++) {
            int start = names[2 * m];
            int end = names[2 * m + 1];
            if (end - start == k.length() && sameAscii(k, start)) {
                return true;
            }
        }
        // A key with characters beyond ASCII cannot be compared byte for byte here.
        return !isAscii(k) && objects().containsKey(key);
    }

    private boolean sameAscii(String k, int start) {
        for (int i = 0; i < k.length(); i++) {
            if (data[start + i] != k.charAt(i) || k.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Object get(Object key) {
        return objects().get(key);
    }

    @Override
    public Object put(String key, Object value) {
        return objects().put(key, value);
    }

    @Override
    public Object remove(Object key) {
        return objects().remove(key);
    }

    @Override
    public void clear() {
        map = new LinkedHashMap<>();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return objects().entrySet();
    }

    /** The fields as objects, made from the bytes on first call. */
    private Map<String, Object> objects() {
        Map<String, Object> current = map;
        if (current != null) {
            return current;
        }
        Map<String, Object> m = new LinkedHashMap<>(Math.max(4, count * 2));
        Reader r = new Reader(data, membersStart);
        for (int i = 0; i < count; i++) {
            r.skipSpaceAnd(',');
            String name = r.string();
            r.skipSpaceAnd(':');
            m.put(name, r.value());
        }
        map = m;
        return m;
    }

    /** Checks a JSON text and indexes its top-level members; no objects made. */
    private static final class Checker {
        private final byte[] a;
        private final int end;
        private int pos;

        Checker(byte[] a, int start, int end) {
            this.a = a;
            this.pos = start;
            this.end = end;
        }

        JsonFields object() {
            skipSpace();
            if (pos >= end || a[pos] != '{') {
                return null;
            }
            pos++;
            int[] names = new int[16];
            int count = 0;
            int first = -1;
            int last = -1;
            skipSpace();
            if (pos < end && a[pos] == '}') {
                pos++;
            } else {
                while (true) {
                    skipSpace();
                    if (pos >= end || a[pos] != '"') {
                        return null;
                    }
                    int quote = pos;
                    if (!string()) {
                        return null;
                    }
                    int nameStart = quote + 1;
                    int nameEnd = pos - 1;
                    if (hasBackslash(nameStart, nameEnd) || repeats(names, count, nameStart, nameEnd)) {
                        return null;
                    }
                    if (2 * count + 2 > names.length) {
                        names = Arrays.copyOf(names, names.length * 2);
                    }
                    names[2 * count] = nameStart;
                    names[2 * count + 1] = nameEnd;
                    count++;
                    if (first < 0) {
                        first = quote;
                    }
                    skipSpace();
                    if (pos >= end || a[pos] != ':') {
                        return null;
                    }
                    pos++;
                    skipSpace();
                    if (!value(1)) {
                        return null;
                    }
                    last = pos;
                    skipSpace();
                    if (pos >= end) {
                        return null;
                    }
                    byte b = a[pos++];
                    if (b == '}') {
                        break;
                    }
                    if (b != ',') {
                        return null;
                    }
                }
            }
            skipSpace();
            if (pos != end) {
                return null;
            }
            return first < 0 ? new JsonFields(a, 0, 0, names, 0) : new JsonFields(a, first, last, names, count);
        }

        private boolean hasBackslash(int from, int to) {
            for (int i = from; i < to; i++) {
                if (a[i] == '\\') {
                    return true;
                }
            }
            return false;
        }

        private boolean repeats(int[] names, int count, int start, int stop) {
            int length = stop - start;
            for (int m = 0; m < count; m++) {
                int s = names[2 * m];
                if (names[2 * m + 1] - s == length && Arrays.equals(a, s, s + length, a, start, stop)) {
                    return true;
                }
            }
            return false;
        }

        private void skipSpace() {
            while (pos < end) {
                byte b = a[pos];
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                    return;
                }
                pos++;
            }
        }

        private boolean value(int depth) {
            if (pos >= end || depth > MAX_DEPTH) {
                return false;
            }
            switch (a[pos]) {
                case '"':
                    return string();
                case '{':
                    return nested(depth, '}', true);
                case '[':
                    return nested(depth, ']', false);
                case 't':
                    return literal("true");
                case 'f':
                    return literal("false");
                case 'n':
                    return literal("null");
                default:
                    return number();
            }
        }

        /** An object or array whose opening byte is at {@code pos}. */
        private boolean nested(int depth, char close, boolean object) {
            pos++;
            skipSpace();
            if (pos < end && a[pos] == close) {
                pos++;
                return true;
            }
            while (true) {
                skipSpace();
                if (object) {
                    if (pos >= end || a[pos] != '"' || !string()) {
                        return false;
                    }
                    skipSpace();
                    if (pos >= end || a[pos] != ':') {
                        return false;
                    }
                    pos++;
                    skipSpace();
                }
                if (!value(depth + 1)) {
                    return false;
                }
                skipSpace();
                if (pos >= end) {
                    return false;
                }
                byte b = a[pos++];
                if (b == close) {
                    return true;
                }
                if (b != ',') {
                    return false;
                }
            }
        }

        /** A string whose opening quote is at {@code pos}: legal escapes, no control bytes, valid UTF-8. */
        private boolean string() {
            int i = pos + 1;
            while (true) {
                while (i + 8 <= end) {
                    long special = EventJson.special((long) EventJson.LONGS.get(a, i));
                    if (special != 0) {
                        i += EventJson.firstMarkedByte(special);
                        break;
                    }
                    i += 8;
                }
                if (i >= end) {
                    return false;
                }
                int b = a[i] & 0xFF;
                if (b == '"') {
                    pos = i + 1;
                    return true;
                }
                if (b == '\\') {
                    int n = escapeLength(i);
                    if (n == 0) {
                        return false;
                    }
                    i += n;
                } else if (b >= 0x80) {
                    int n = EventJson.validSequenceLength(a, i, end);
                    if (n == 0) {
                        return false;
                    }
                    i += n;
                } else if (b < 0x20) {
                    return false;
                } else {
                    i++;
                }
            }
        }

        private int escapeLength(int i) {
            if (i + 1 >= end) {
                return 0;
            }
            switch (a[i + 1]) {
                case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
                    return 2;
                case 'u':
                    if (i + 5 >= end) {
                        return 0;
                    }
                    for (int k = i + 2; k < i + 6; k++) {
                        if (Character.digit(a[k], 16) < 0) {
                            return 0;
                        }
                    }
                    return 6;
                default:
                    return 0;
            }
        }

        private boolean literal(String word) {
            if (end - pos < word.length()) {
                return false;
            }
            for (int i = 0; i < word.length(); i++) {
                if (a[pos + i] != word.charAt(i)) {
                    return false;
                }
            }
            pos += word.length();
            return true;
        }

        /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} */
        private boolean number() {
            int i = pos;
            if (i < end && a[i] == '-') {
                i++;
            }
            if (i < end && a[i] == '0') {
                i++;
            } else {
                int digits = digits(i);
                if (digits == 0) {
                    return false;
                }
                i += digits;
            }
            if (i < end && a[i] == '.') {
                int digits = digits(i + 1);
                if (digits == 0) {
                    return false;
                }
                i += 1 + digits;
            }
            if (i < end && (a[i] == 'e' || a[i] == 'E')) {
                i++;
                if (i < end && (a[i] == '+' || a[i] == '-')) {
                    i++;
                }
                int digits = digits(i);
                if (digits == 0) {
                    return false;
                }
                i += digits;
            }
            pos = i;
            return true;
        }

        private int digits(int from) {
            int i = from;
            while (i < end && a[i] >= '0' && a[i] <= '9') {
                i++;
            }
            return i - from;
        }
    }

    /** Makes objects from text the {@link Checker} accepted, so it trusts the grammar. */
    private static final class Reader {
        private final byte[] a;
        private int pos;

        Reader(byte[] a, int pos) {
            this.a = a;
            this.pos = pos;
        }

        void skipSpaceAnd(char optional) {
            skipSpace();
            if (a[pos] == optional) {
                pos++;
                skipSpace();
            }
        }

        private void skipSpace() {
            while (a[pos] == ' ' || a[pos] == '\t' || a[pos] == '\n' || a[pos] == '\r') {
                pos++;
            }
        }

        Object value() {
            switch (a[pos]) {
                case '"':
                    return string();
                case '{': {
                    pos++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    skipSpace();
                    while (a[pos] != '}') {
                        skipSpaceAnd(',');
                        String name = string();
                        skipSpaceAnd(':');
                        m.put(name, value());
                        skipSpace();
                    }
                    pos++;
                    return m;
                }
                case '[': {
                    pos++;
                    List<Object> list = new ArrayList<>();
                    skipSpace();
                    while (a[pos] != ']') {
                        skipSpaceAnd(',');
                        list.add(value());
                        skipSpace();
                    }
                    pos++;
                    return list;
                }
                case 't':
                    pos += 4;
                    return Boolean.TRUE;
                case 'f':
                    pos += 5;
                    return Boolean.FALSE;
                case 'n':
                    pos += 4;
                    return null;
                default:
                    return number();
            }
        }

        String string() {
            int start = pos + 1;
            int i = start;
            while (a[i] != '"' && a[i] != '\\') {
                i++;
            }
            if (a[i] == '"') {
                pos = i + 1;
                return new String(a, start, i - start, UTF_8);
            }
            // Escapes: decode piece by piece (rare in names and values of log lines).
            StringBuilder sb = new StringBuilder(new String(a, start, i - start, UTF_8));
            while (a[i] != '"') {
                if (a[i] != '\\') {
                    int runStart = i;
                    while (a[i] != '"' && a[i] != '\\') {
                        i++;
                    }
                    sb.append(new String(a, runStart, i - runStart, UTF_8));
                    continue;
                }
                byte e = a[i + 1];
                switch (e) {
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(new String(a, i + 2, 4, ISO_8859_1), 16));
                        i += 4;
                    }
                    default -> sb.append((char) e);
                }
                i += 2;
            }
            pos = i + 1;
            return sb.toString();
        }

        private Object number() {
            int start = pos;
            boolean integral = true;
            while (pos < a.length) {
                byte b = a[pos];
                if (b == '.' || b == 'e' || b == 'E') {
                    integral = false;
                } else if (!(b >= '0' && b <= '9') && b != '-' && b != '+') {
                    break;
                }
                pos++;
            }
            String text = new String(a, start, pos - start, ISO_8859_1);
            if (integral) {
                try {
                    return Long.valueOf(text);
                } catch (NumberFormatException beyondLong) {
                    return text;
                }
            }
            double d = Double.parseDouble(text);
            return Double.isInfinite(d) ? text : Double.valueOf(d);
        }
    }
}

package io.tailpost.reader.file.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineSplitterTest {
    /** A line as the sink saw it, with the splitter's position at that moment. */
    private record Line(String text, boolean split, long position) {
    }

    private static final class Collector implements LineSplitter.LineSink {
        final List<Line> lines = new ArrayList<>();
        final List<byte[]> arrays = new ArrayList<>();
        LineSplitter splitter;

        @Override
        public void line(byte[] array, int offset, int length, boolean split) {
            lines.add(new Line(new String(array, offset, length, StandardCharsets.UTF_8), split, splitter.position()));
            arrays.add(array);
        }

        List<String> texts() {
            return lines.stream().map(Line::text).toList();
        }
    }

    private static Collector collector(LineSplitter splitter) {
        Collector c = new Collector();
        c.splitter = splitter;
        return c;
    }

    private static void feed(LineSplitter splitter, Collector sink, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // Surround the bytes so offsets other than 0 are exercised.
        byte[] padded = new byte[bytes.length + 4];
        System.arraycopy(bytes, 0, padded, 2, bytes.length);
        padded[0] = '\n';
        padded[padded.length - 1] = '\n';
        splitter.feed(padded, 2, bytes.length, sink);
    }

    @Test
    void splitsOnNewlineAndStripsCarriageReturnBeforeIt() {
        LineSplitter splitter = new LineSplitter(100, 0);
        Collector sink = collector(splitter);

        feed(splitter, sink, "one\ntwo\r\n\nthree\rstill\n");

        assertThat(sink.texts()).containsExactly("one", "two", "", "three\rstill");
        assertThat(sink.lines).extracting(Line::position).containsExactly(4L, 9L, 10L, 22L);
        assertThat(sink.lines).noneMatch(Line::split);
        assertThat(splitter.pendingLength()).isZero();
    }

    @Test
    void keepsPartialLineUntilItsNewlineArrives() {
        LineSplitter splitter = new LineSplitter(100, 1000);
        Collector sink = collector(splitter);

        feed(splitter, sink, "first\nsec");
        assertThat(sink.texts()).containsExactly("first");
        assertThat(splitter.position()).isEqualTo(1006);
        assertThat(splitter.pendingLength()).isEqualTo(3);

        feed(splitter, sink, "on");
        feed(splitter, sink, "d\r");
        assertThat(sink.texts()).containsExactly("first");

        feed(splitter, sink, "\nthird\n");
        assertThat(sink.texts()).containsExactly("first", "second", "third");
        assertThat(splitter.position()).isEqualTo(1000 + "first\nsecond\r\nthird\n".length());
    }

    @Test
    void linesOfOneChunkShareOneFreshArray() {
        LineSplitter splitter = new LineSplitter(100, 0);
        Collector sink = collector(splitter);
        byte[] chunk = "a\nb\nc\n".getBytes(StandardCharsets.UTF_8);

        splitter.feed(chunk, 0, chunk.length, sink);
        chunk[0] = 'X';

        assertThat(sink.arrays).hasSize(3).allSatisfy(a -> assertThat(a).isSameAs(sink.arrays.get(0)));
        assertThat(sink.arrays.get(0)).isNotSameAs(chunk);
        assertThat(new String(sink.arrays.get(0), StandardCharsets.UTF_8)).startsWith("a\n");
    }

    @Test
    void cutsLongLinesIntoMarkedPiecesWithinOneChunk() {
        LineSplitter splitter = new LineSplitter(4, 0);
        Collector sink = collector(splitter);

        feed(splitter, sink, "abcdefghij\nok\nabcdefgh\n");

        assertThat(sink.lines).containsExactly(
                new Line("abcd", true, 4), new Line("efgh", true, 8), new Line("ij", true, 11),
                new Line("ok", false, 14),
                new Line("abcd", true, 18), new Line("efgh", true, 23));
    }

    @Test
    void cutsLongPendingLinesBeforeTheirNewlineSoMemoryStaysBounded() {
        LineSplitter splitter = new LineSplitter(4, 0);
        Collector sink = collector(splitter);

        feed(splitter, sink, "abc");
        feed(splitter, sink, "defghij");
        assertThat(sink.lines).containsExactly(new Line("abcd", true, 4), new Line("efgh", true, 8));
        assertThat(splitter.pendingLength()).isEqualTo(2);

        feed(splitter, sink, "\nnext\n");
        assertThat(sink.lines).containsExactly(new Line("abcd", true, 4), new Line("efgh", true, 8),
                new Line("ij", true, 11), new Line("next", false, 16));
    }

    @Test
    void holdsBackCarriageReturnThatMayStartTheTerminator() {
        LineSplitter splitter = new LineSplitter(4, 0);
        Collector sink = collector(splitter);

        feed(splitter, sink, "abcd\r");
        assertThat(sink.lines).isEmpty();
        feed(splitter, sink, "\n");
        assertThat(sink.lines).containsExactly(new Line("abcd", false, 6));

        feed(splitter, sink, "wxyz\rmore\n");
        assertThat(sink.lines).extracting(Line::text).containsExactly("abcd", "wxyz", "\rmor", "e");
        assertThat(sink.lines.subList(1, 4)).allMatch(Line::split);
    }

    @Test
    void cutsAPendingLineOnlyOnceItIsKnownToBeTooLong() {
        LineSplitter splitter = new LineSplitter(4, 0);
        Collector sink = collector(splitter);

        feed(splitter, sink, "abcdefgh");
        assertThat(sink.texts()).containsExactly("abcd");
        feed(splitter, sink, "X");
        assertThat(sink.texts()).containsExactly("abcd", "efgh");

        feed(splitter, sink, "\nabcdefgh\n");
        assertThat(sink.texts()).containsExactly("abcd", "efgh", "X", "abcd", "efgh");
        assertThat(splitter.position()).isEqualTo(19);
    }

    @Test
    void flushHandsOverThePendingLineAndResetForgetsIt() {
        LineSplitter splitter = new LineSplitter(100, 0);
        Collector sink = collector(splitter);

        feed(splitter, sink, "a\ntail\r");
        splitter.flush(sink);
        assertThat(sink.lines).containsExactly(new Line("a", false, 2), new Line("tail", false, 7));

        feed(splitter, sink, "half");
        splitter.reset(0);
        feed(splitter, sink, "new\n");
        assertThat(sink.texts()).containsExactly("a", "tail", "new");
        assertThat(splitter.position()).isEqualTo(4);
    }
}

package io.tailpost.reader.file.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineSplitterTest {
    /** A line as the sink saw it, with the splitter's position at that moment. */
    private record Line(String text, boolean split, long position) {
    }

    private static final class Collector implements LineSplitter.LineSink {
        final List<Line> lines = new ArrayList<>();
        final List<byte[]> arrays = new ArrayList<>();
        final List<Integer> flags = new ArrayList<>();
        LineSplitter splitter;

        @Override
        public void line(byte[] array, int offset, int length, int flags) {
            lines.add(new Line(new String(array, offset, length, StandardCharsets.UTF_8),
                    (flags & LineSplitter.SPLIT) != 0, splitter.position()));
            this.flags.add(flags);
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

    @Test
    void truncateModeKeepsTheHeadOfALongLineAndSkipsItsRestAcrossChunks() {
        LineSplitter splitter = new LineSplitter(4, true, 1, false, 0);
        Collector sink = collector(splitter);

        feed(splitter, sink, "abcdefgh\nok\nxyz");
        feed(splitter, sink, "uvwabc");
        feed(splitter, sink, "rest\r");
        feed(splitter, sink, "\nend\n");

        assertThat(sink.texts()).containsExactly("abcd", "ok", "xyzu", "end");
        assertThat(sink.flags.get(0) & LineSplitter.TRUNCATED).isNotZero();
        assertThat(sink.flags.get(1)).isZero();
        assertThat(sink.flags.get(2) & LineSplitter.TRUNCATED).isNotZero();
        assertThat(splitter.position()).isEqualTo("abcdefgh\nok\nxyzuvwabcrest\r\nend\n".length());
        assertThat(splitter.pendingLength()).isZero();
    }

    @Test
    void findsNewlinesAtEveryPositionOfAWord() {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String line = "x".repeat(i % 11) + i;
            expected.add(line);
            text.append(line).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        LineSplitter splitter = new LineSplitter(1000, 0);
        Collector sink = collector(splitter);

        feed(splitter, sink, text.toString());

        assertThat(sink.texts()).containsExactlyElementsOf(expected);
        assertThat(splitter.position()).isEqualTo(text.length());
        assertThat(sink.flags).allMatch(f -> f == 0);
    }

    @Test
    void marksChunksWithBytesAboveAscii() {
        LineSplitter splitter = new LineSplitter(1000, 0);
        Collector sink = collector(splitter);

        feed(splitter, sink, "plain\n");
        feed(splitter, sink, "caf\u00e9\n");

        assertThat(sink.flags.get(0) & LineSplitter.NON_ASCII).isZero();
        assertThat(sink.flags.get(1) & LineSplitter.NON_ASCII).isNotZero();
    }

    @Test
    void splitsUtf16OnWholeUnitsOnly() {
        LineSplitter le = new LineSplitter(100, false, 2, false, 0);
        List<String> lines = new ArrayList<>();
        LineSplitter.LineSink sink = (a, off, len, flags) ->
                lines.add(new String(a, off, len, StandardCharsets.UTF_16LE));
        // U+0A0D encodes as 0D 0A in UTF-16LE: a newline byte that is not a newline.
        byte[] bytes = "a\u0a0db\r\nc\n".getBytes(StandardCharsets.UTF_16LE);
        for (int i = 0; i < bytes.length; i += 3) {
            le.feed(bytes, i, Math.min(3, bytes.length - i), sink);
        }

        assertThat(lines).containsExactly("a\u0a0db", "c");
        assertThat(le.position()).isEqualTo(bytes.length);
    }

    @Test
    void readsFromChannelThroughScratchAndKeepsLinesInArraysOfTheirOwn(@TempDir Path dir) throws IOException {
        // Lines longer than half the scratch array go through the splitter's own buffer.
        String text = "ab\nccccccccccccccccccccccccc\n\u00e9t\u00e9\nplain ascii line\ntail";
        Path file = dir.resolve("lines.log");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        LineSplitter splitter = new LineSplitter(100, 0);
        Collector sink = collector(splitter);
        byte[] scratch = new byte[16];

        try (FileChannel channel = FileChannel.open(file)) {
            while (splitter.read(channel, scratch, sink) > 0) {
                assertThat(sink.arrays).doesNotContain(scratch);
            }
        }

        assertThat(sink.texts()).containsExactly("ab", "ccccccccccccccccccccccccc", "\u00e9t\u00e9", "plain ascii line");
        assertThat(sink.flags.get(2) & LineSplitter.NON_ASCII).isEqualTo(LineSplitter.NON_ASCII);
        assertThat(sink.flags.get(3) & LineSplitter.NON_ASCII).isZero();
        assertThat(splitter.position()).isEqualTo(text.length() + 2 - "tail".length());
        assertThat(splitter.pendingLength()).isEqualTo(4);
    }

    @Test
    void flagsOnlyTheLinesThatMayHoldHighBytes() {
        LineSplitter splitter = new LineSplitter(1000, 0);
        Collector sink = collector(splitter);
        String ascii = "a plain line that is longer than sixteen bytes";

        feed(splitter, sink, ascii + "\n" + ascii + " \u00fc\n" + ascii + "\nx\n");

        assertThat(sink.flags).extracting(f -> f & LineSplitter.NON_ASCII)
                .containsExactly(0, LineSplitter.NON_ASCII, 0, 0);
    }
}

package io.tailpost.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LineCounterTest {

    private static long count(String body, int piece) {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        LineCounter counter = new LineCounter();
        for (int from = 0; from < bytes.length; from += piece) {
            int n = Math.min(piece, bytes.length - from);
            byte[] buf = new byte[n + 3];
            System.arraycopy(bytes, from, buf, 0, n);
            counter.add(buf, n);
        }
        return counter.lines();
    }

    @Test
    void countsNonEmptyLinesWithOrWithoutTheLastNewline() {
        assertThat(count("", 64)).isZero();
        assertThat(count("\n\n\n", 64)).isZero();
        assertThat(count("a", 64)).isEqualTo(1);
        assertThat(count("first line\nsecond\n", 64)).isEqualTo(2);
        assertThat(count("first line\nsecond", 64)).isEqualTo(2);
        // Elasticsearch bulk bodies as rsyslog writes them: an empty line after each document.
        assertThat(count("{\"index\":{}}\n{\"m\":\"x\"}\n\n{\"index\":{}}\n{\"m\":\"y\"}\n\n", 64)).isEqualTo(4);
    }

    @Test
    void agreesWithAByteByByteCountWhateverThePiecesAndNewlinePositions() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder body = new StringBuilder();
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                int r = random.nextInt(4);
                body.append(r == 0 ? '\n' : r == 1 ? (char) (0x80 + random.nextInt(0x7F) & 0xFF) : 'x');
            }
            String text = body.toString();
            long expected = 0;
            char prev = '\n';
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n' && prev != '\n') {
                    expected++;
                }
                prev = text.charAt(i);
            }
            if (prev != '\n') {
                expected++;
            }
            int piece = 1 + random.nextInt(40);
            assertThat(countLatin1(text, piece)).as("%s in pieces of %d", text, piece).isEqualTo(expected);
        }
    }

    private static long countLatin1(String body, int piece) {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        LineCounter counter = new LineCounter();
        for (int from = 0; from < bytes.length; from += piece) {
            int n = Math.min(piece, bytes.length - from);
            byte[] buf = new byte[n];
            System.arraycopy(bytes, from, buf, 0, n);
            counter.add(buf, n);
        }
        return counter.lines();
    }
}

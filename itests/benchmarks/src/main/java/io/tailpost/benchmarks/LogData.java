package io.tailpost.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Log-like text: lines of 60 to 200 ASCII bytes with a timestamp, a level and a message. */
final class LogData {
    private static final String[] LEVELS = {"INFO ", "DEBUG", "WARN ", "ERROR"};
    private static final String WORDS = "request served user session cache miss hit upstream latency ms "
            + "bytes payload retry connection pool worker queue depth accepted rejected timeout ok";

    private LogData() {
    }

    /** About {@code bytes} bytes of lines, ending with a newline, the same for the same size. */
    static byte[] generate(int bytes) {
        Random random = new Random(42);
        String[] words = WORDS.split(" ");
        byte[] out = new byte[bytes];
        int pos = 0;
        long n = 0;
        StringBuilder line = new StringBuilder(256);
        while (true) {
            line.setLength(0);
            line.append("2024-05-01T10:").append(10 + n % 50).append(':').append(10 + n % 49).append('.')
                    .append(100 + n % 900).append("Z ").append(LEVELS[(int) (n % 4)]).append(" [worker-")
                    .append(n % 16).append("] ");
            int target = 60 + random.nextInt(141);
            while (line.length() < target) {
                line.append(words[random.nextInt(words.length)]).append(' ');
            }
            line.setLength(target);
            line.append('\n');
            byte[] b = line.toString().getBytes(StandardCharsets.US_ASCII);
            if (pos + b.length > bytes) {
                break;
            }
            System.arraycopy(b, 0, out, pos, b.length);
            pos += b.length;
            n++;
        }
        while (pos < bytes) {
            out[pos++] = (byte) (pos == bytes ? '\n' : 'x');
        }
        out[bytes - 1] = '\n';
        return out;
    }
}

package io.tailpost.sdk.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Parses the durations and sizes users write in YAML: {@code 250ms}, {@code 5s},
 * {@code 2m}, {@code 1h}; {@code 512}, {@code 64KiB}, {@code 10MB}, {@code 1GiB}. A plugin
 * declares such attributes as {@code String} and parses them once when it activates, so a
 * bad value fails activation with the message of the {@link IllegalArgumentException}.
 */
public final class Units {
    private Units() {
    }

    /**
     * A duration: a non-negative integer followed by {@code ms}, {@code s}, {@code m},
     * {@code h} or {@code d}; a bare number means milliseconds.
     *
     * @throws IllegalArgumentException naming the value when it is not a duration
     */
    public static Duration parseDuration(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        int i = digitsEnd(s);
        if (i == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (use e.g. 250ms, 5s, 2m, 1h)");
        }
        long n = parseNumber(s.substring(0, i), text);
        String unit = s.substring(i).trim();
        switch (unit) {
            case "", "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            case "d":
                return Duration.ofDays(n);
            default:
                throw new IllegalArgumentException("'" + text + "' has an unknown duration unit '" + unit
                        + "' (use ms, s, m, h or d)");
        }
    }

    /**
     * A size in bytes: a non-negative integer optionally followed by {@code B}, {@code KB},
     * {@code MB}, {@code GB} (powers of 1000) or {@code KiB}, {@code MiB}, {@code GiB}
     * (powers of 1024); case-insensitive.
     *
     * @throws IllegalArgumentException naming the value when it is not a size
     */
    public static long parseSize(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        int i = digitsEnd(s);
        if (i == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a size (use e.g. 512, 64KiB, 10MB, 1GiB)");
        }
        long n = parseNumber(s.substring(0, i), text);
        String unit = s.substring(i).trim();
        long factor;
        switch (unit) {
            case "", "b" -> factor = 1;
            case "k", "kb" -> factor = 1000L;
            case "ki", "kib" -> factor = 1024L;
            case "m", "mb" -> factor = 1000L * 1000;
            case "mi", "mib" -> factor = 1024L * 1024;
            case "g", "gb" -> factor = 1000L * 1000 * 1000;
            case "gi", "gib" -> factor = 1024L * 1024 * 1024;
            case "t", "tb" -> factor = 1000L * 1000 * 1000 * 1000;
            case "ti", "tib" -> factor = 1024L * 1024 * 1024 * 1024;
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown size unit '" + unit
                    + "' (use B, KB, MB, GB, KiB, MiB or GiB)");
        }
        if (n > Long.MAX_VALUE / factor) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return n * factor;
    }

    private static int digitsEnd(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static long parseNumber(String digits, String original) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + original + "' is too large", e);
        }
    }
}

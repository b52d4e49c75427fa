package io.tailpost.shell.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Left- or right-aligned text columns separated by two spaces. The last column is not
 * padded and trailing blanks are cut, so a long reason does not widen the table.
 */
final class TextTable {
    private static final String GAP = "  ";

    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /** One flag per column: whether it is right-aligned (numbers). */
    TextTable(boolean... rightAligned) {
        this.rightAligned = rightAligned.clone();
    }

    /** Adds a row; {@code null} cells are empty, control characters become spaces. */
    TextTable row(Object... cells) {
        if (cells.length != rightAligned.length) {
            throw new IllegalArgumentException("expected " + rightAligned.length + " cells, got " + cells.length);
        }
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = clean(cells[i]);
        }
        rows.add(row);
        return this;
    }

    /** The rows as lines, in the order they were added, each starting with {@code indent}. */
    List<String> lines(String indent) {
        int[] widths = new int[rightAligned.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            sb.setLength(0);
            sb.append(indent);
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    sb.append(GAP);
                }
                boolean last = i == row.length - 1;
                int pad = widths[i] - row[i].length();
                if (rightAligned[i]) {
                    sb.append(" ".repeat(pad)).append(row[i]);
                } else {
                    sb.append(row[i]);
                    if (!last) {
                        sb.append(" ".repeat(pad));
                    }
                }
            }
            int end = sb.length();
            while (end > 0 && sb.charAt(end - 1) == ' ') {
                end--;
            }
            lines.add(sb.substring(0, end));
        }
        return lines;
    }

    private static String clean(Object cell) {
        if (cell == null) {
            return "";
        }
        String s = cell.toString();
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, ' ');
            }
        }
        return sb == null ? s : sb.toString();
    }
}

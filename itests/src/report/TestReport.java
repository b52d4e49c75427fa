import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Prints one line "N passed, N failed" (", N skipped" when any) for every JUnit XML
 * report under the reactor: unit tests (surefire), in-framework tests (bnd-testing, which
 * prints no counts itself) and black-box tests. Exits 1 when a test failed or none ran.
 * Run as a single-file program: java TestReport.java ROOT
 */
public class TestReport {
    private static final Pattern SUITE = Pattern.compile("<testsuite\\b([^>]*)>");

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        long tests = 0, failures = 0, errors = 0, skipped = 0;
        long unit = 0, inFramework = 0, blackBox = 0;
        List<String> failedSuites = new ArrayList<>();
        List<Path> reports;
        try (Stream<Path> files = Files.walk(root)) {
            reports = files.filter(TestReport::isReport).sorted().toList();
        }
        for (Path report : reports) {
            String xml = Files.readString(report);
            Matcher m = SUITE.matcher(xml);
            while (m.find()) {
                String attrs = m.group(1);
                long t = attr(attrs, "tests"), f = attr(attrs, "failures"), e = attr(attrs, "errors"),
                        s = attr(attrs, "skipped");
                tests += t;
                String where = root.relativize(report).toString().replace('\\', '/');
                if (where.startsWith("itests/target/test-reports/")) {
                    inFramework += t;
                } else if (where.startsWith("itests/")) {
                    blackBox += t;
                } else {
                    unit += t;
                }
                failures += f;
                errors += e;
                skipped += s;
                if (f + e > 0) {
                    failedSuites.add(root.relativize(report) + ": " + (f + e) + " failed");
                }
            }
        }
        long failed = failures + errors;
        long passed = tests - failed - skipped;
        System.out.println("Test reports: " + reports.size() + " files; " + unit + " unit tests, " + inFramework
                + " in-framework tests (Felix), " + blackBox + " black-box tests of the distribution");
        failedSuites.forEach(s -> System.out.println("  " + s));
        System.out.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        if (tests == 0 || inFramework == 0) {
            System.out.println(tests == 0 ? "no test ran" : "no in-framework test ran");
            System.exit(1);
        }
        if (failed > 0) {
            System.exit(1);
        }
    }

    private static boolean isReport(Path p) {
        String name = p.getFileName().toString();
        String path = p.toString().replace('\\', '/');
        return name.startsWith("TEST-") && name.endsWith(".xml") && path.contains("/target/");
    }

    private static long attr(String attrs, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"(\\d+)\"").matcher(attrs);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}

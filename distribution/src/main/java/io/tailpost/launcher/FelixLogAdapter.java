package io.tailpost.launcher;

/**
 * Sends the Felix framework's own messages to {@link System.Logger} instead of stdout, which
 * belongs to the console sender. Every framework and resolver message ends in
 * {@link #doLog(int, String, Throwable)}, with the bundle already named in the text.
 */
final class FelixLogAdapter extends org.apache.felix.framework.Logger {

    private static final System.Logger LOG = System.getLogger("org.apache.felix.framework");

    @Override
    protected void doLog(int level, String msg, Throwable throwable) {
        LOG.log(OsgiLogBridge.level(level), msg, throwable);
    }
}

package io.tailpost.launcher;

import java.util.logging.LogManager;

/**
 * The JDK's LogManager closes every handler from a shutdown hook of its own, which runs at
 * the same time as the launcher's hook that stops the framework, so the messages of stopping
 * components (including errors about data that could not be flushed) would be lost. This
 * manager ignores that one reset; handlers flush every record, so nothing is left unwritten.
 * {@link TailpostLauncher} names it in {@code java.util.logging.manager} before the first
 * logger exists (not from here: touching this class initialises LogManager too early).
 */
public final class AgentLogManager extends LogManager {

    /** Called by {@link LogManager} when it is named by {@code java.util.logging.manager}. */
    public AgentLogManager() {
        super();
    }

    @Override
    public void reset() {
        // The JDK's cleanup hook is a Thread subclass nested in LogManager.
        if (Thread.currentThread().getClass().getEnclosingClass() == LogManager.class) {
            return;
        }
        super.reset();
    }
}

package io.tailpost.sdk.status;

/** The state of a pipeline or of one of its components. */
public enum State {
    /** Working. */
    RUNNING,
    /** Not running because a part is missing (a plugin not installed, a service gone). */
    WAITING,
    /** Running but failing (a destination down, a read error); the reason says what. */
    FAILING,
    /** Stopped on purpose or not yet started. */
    STOPPED
}

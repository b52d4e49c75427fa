package io.tailpost.reader.file.internal;

import java.nio.file.Path;

import io.tailpost.sdk.reader.CheckpointStore;
import io.tailpost.sdk.reader.Emitter;
import io.tailpost.sdk.reader.ReaderContext;

/** A reader context made of the given parts, always running. */
record TestReaderContext(String readerId, Emitter emitter, CheckpointStore checkpoints, Path stateDirectory)
        implements ReaderContext {

    @Override
    public String pipeline() {
        return "test";
    }

    @Override
    public boolean isRunning() {
        return true;
    }
}

/** The file reader: glob scanning, file identity, tailing, line splitting and checkpoints. */
package io.tailpost.reader.file.internal;

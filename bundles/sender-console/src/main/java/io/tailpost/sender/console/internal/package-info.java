/** The {@code console} sender: writes events to standard output or standard error. Bundle-private. */
package io.tailpost.sender.console.internal;

/** Gogo shell commands of the {@code tailpost} scope. Bundle-private. */
package io.tailpost.shell.internal;

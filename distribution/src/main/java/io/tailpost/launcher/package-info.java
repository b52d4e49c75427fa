/**
 * The agent's launcher: a plain Java program (not a bundle) that starts Felix with the
 * bundles of {@code bundle/}, validates configuration files and prints the version.
 */
package io.tailpost.launcher;

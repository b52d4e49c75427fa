/** Turns the YAML configuration file into ConfigAdmin configurations; private to the bundle. */
package io.tailpost.config.yaml.internal;

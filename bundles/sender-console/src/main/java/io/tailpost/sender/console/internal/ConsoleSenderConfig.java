package io.tailpost.sender.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the {@code console} sender (YAML {@code type: console}). */
@ObjectClassDefinition(id = ConsoleSender.PID, name = "TailPost console sender",
        description = "Writes every event as one line to standard output or standard error; meant for trying"
                + " out and debugging pipelines.")
public @interface ConsoleSenderConfig {
    @AttributeDefinition(name = "Format",
            description = "text: the message as it is (the fields as a JSON object when there is no message);"
                    + " json: the whole event as a JSON object.",
            options = {@Option(label = "text", value = "text"), @Option(label = "json", value = "json")})
    String format() default "text";

    @AttributeDefinition(name = "Stream", description = "Where to write: stdout or stderr.",
            options = {@Option(label = "stdout", value = "stdout"), @Option(label = "stderr", value = "stderr")})
    String stream() default "stdout";
}

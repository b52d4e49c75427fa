package io.tailpost.processor.json.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the {@code json} processor (YAML {@code type: json}). */
@ObjectClassDefinition(id = JsonMessageParser.PID, name = "TailPost JSON processor",
        description = "Parses each event's message as JSON and moves the result into the event's fields.")
public @interface JsonProcessorConfig {
    @AttributeDefinition(name = "Target field", required = false,
            description = "Field to put the parsed value under. Empty (the default): the message must be a JSON"
                    + " object, and its top-level keys are merged into the event's fields.")
    String target() default "";

    @AttributeDefinition(name = "Keep message",
            description = "Keep the raw message after it was parsed. By default it is removed once parsing succeeded;"
                    + " a message that fails to parse is always kept.")
    boolean keep_message() default false;
}

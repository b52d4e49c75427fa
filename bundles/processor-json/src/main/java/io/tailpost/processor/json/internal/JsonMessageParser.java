package io.tailpost.processor.json.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.tailpost.sdk.LogEvent;
import io.tailpost.sdk.Plugins;
import io.tailpost.sdk.TailpostPlugin;
import io.tailpost.sdk.json.JsonFields;
import io.tailpost.sdk.processor.Processor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@code json} processor: parses each event's message as JSON, straight from the
 * message bytes, and moves the result into the event's fields.
 *
 * <p>With no {@code target}, the message must be a JSON object and its top-level keys are
 * merged into the fields (replacing fields of the same name); with a {@code target}, any
 * JSON value is put under that one field. On success the raw message is removed unless
 * {@code keep_message} is set.
 *
 * <p>A message that is not JSON, is not an object when merging, or has anything but
 * whitespace after the value passes through unchanged except for a {@value #PARSE_ERROR}
 * field that says what is wrong and at which byte. Events without a message are left
 * alone.
 *
 * <p>Values become {@code Map} (insertion order), {@code List}, {@code String},
 * {@code Long}, {@code Double}, {@code Boolean} or {@code null}. Numbers that do not fit
 * (an integer beyond the {@code long} range, a decimal beyond the {@code double} range)
 * are kept as a {@code String} holding the number exactly as written, so no digit is lost.
 */
@TailpostPlugin(kind = "processor", type = "json")
@Designate(ocd = JsonProcessorConfig.class, factory = true)
@Component(configurationPid = JsonMessageParser.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Processor.class, property = Plugins.TYPE + "=json")
public class JsonMessageParser implements Processor {
    /** The factory PID of this plugin type. */
    static final String PID = "tailpost.processor.json";

    /** The field that records why a message could not be parsed. */
    static final String PARSE_ERROR = "parse_error";

    private static final System.Logger LOG = System.getLogger(JsonMessageParser.class.getName());
    private static final int MAX_DETAIL_CHARS = 200;

    // Log lines carry arbitrary keys: interning them would grow the JVM's string table without bound.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    private final String target;
    private final boolean keepMessage;

    /** Creates the processor from its configuration. */
    @Activate
    public JsonMessageParser(JsonProcessorConfig config) {
        String t = config.target() == null ? "" : config.target().trim();
        this.target = t.isEmpty() ? null : t;
        this.keepMessage = config.keep_message();
        LOG.log(Level.DEBUG, () -> "json processor configured: target=" + (target == null ? "(merge)" : target)
                + ", keep_message=" + keepMessage);
    }

    @Override
    public void process(List<LogEvent> events) {
        Map<String, Object> scratch = null;
        for (LogEvent event : events) {
            if (event == null || !event.hasMessage()) {
                continue;
            }
            if (target == null && event.hasFields() && scratch == null) {
                scratch = new LinkedHashMap<>();
            }
            parse(event, scratch);
        }
    }

    private void parse(LogEvent event, Map<String, Object> scratch) {
        byte[] data = event.messageArray();
        int length = event.messageLength();
        if (target == null && !event.hasFields()) {
            // The common case: an object into an event without fields. Its members stay bytes
            // until something reads them; a JSON sender copies them as they are.
            JsonFields fields = JsonFields.parseObject(data, event.messageOffset(), length);
            if (fields != null) {
                event.setFields(fields);
                if (!keepMessage) {
                    event.clearMessage();
                }
                return;
            }
            // Not one well-formed object (or one with repeated or escaped names): the parser
            // below handles those and says what is wrong.
        }
        // Merging: parse straight into the event's fields when it has none, else into scratch,
        // so that a message failing half-way leaves the event as it was.
        Map<String, Object> into = null;
        String error;
        try (JsonParser parser = FACTORY.createParser(data, event.messageOffset(), length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                error = "not JSON at byte " + length + ": " + (length == 0 ? "empty message" : "only whitespace");
            } else if (target == null && first != JsonToken.START_OBJECT) {
                error = "not a JSON object at byte " + offset(parser.currentTokenLocation()) + ": found "
                        + describe(first);
            } else {
                Object value = null;
                if (target == null) {
                    into = event.hasFields() ? scratch : event.fields();
                    readObject(parser, into);
                } else {
                    value = readValue(parser, first);
                }
                error = checkEnd(parser);
                if (error == null) {
                    if (target != null) {
                        event.fields().put(target, value);
                    } else if (into == scratch) {
                        event.fields().putAll(scratch);
                    }
                    if (!keepMessage) {
                        event.clearMessage();
                    }
                }
            }
        } catch (JsonProcessingException e) {
            error = "not JSON at byte " + offset(e.getLocation()) + ": " + detail(e);
        } catch (IOException e) {
            // Reading from an array only fails on content, but the API declares IOException.
            error = "not JSON: " + e.getMessage();
        } catch (RuntimeException e) {
            // Not bad input (that is reported above) but a fault in the parser: never fail the batch for it.
            LOG.log(Level.WARNING, "json processor failed on a message; passing the event on unchanged", e);
            error = "JSON parser failed: " + e;
        }
        if (into == scratch && into != null) {
            into.clear();
        }
        if (error != null) {
            if (into != null && into != scratch) {
                into.clear(); // the event had no fields before: undo the partial merge
            }
            event.fields().put(PARSE_ERROR, error);
        }
    }

    /** Null when only whitespace follows the value, else why not. */
    private static String checkEnd(JsonParser parser) {
        try {
            JsonToken next = parser.nextToken();
            return next == null ? null
                    : "trailing data after the JSON value at byte " + offset(parser.currentTokenLocation());
        } catch (JsonProcessingException e) {
            return "trailing data after the JSON value at byte " + offset(e.getLocation()) + ": " + detail(e);
        } catch (IOException e) {
            return "trailing data after the JSON value: " + e.getMessage();
        }
    }

    /** Reads the members of an object whose START_OBJECT is the current token. */
    private static void readObject(JsonParser parser, Map<String, Object> into) throws IOException {
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            into.put(name, readValue(parser, parser.nextToken()));
        }
        if (t != JsonToken.END_OBJECT) {
            throw new JsonParseException(parser, "unexpected " + (t == null ? "end of input" : t) + " in an object");
        }
    }

    private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new JsonParseException(parser, "unexpected end of input");
        }
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                readObject(parser, map);
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(readValue(parser, t));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getText()
                        : Long.valueOf(parser.getLongValue());
            case VALUE_NUMBER_FLOAT: {
                double d = parser.getDoubleValue();
                return Double.isInfinite(d) ? parser.getText() : Double.valueOf(d);
            }
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonParseException(parser, "unexpected " + token);
        }
    }

    private static String describe(JsonToken token) {
        switch (token) {
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.toString();
        }
    }

    private static String offset(JsonLocation location) {
        long offset = location == null ? -1 : location.getByteOffset();
        return offset < 0 ? "?" : Long.toString(offset);
    }

    /** Jackson's message without the location suffix, first line only, bounded. */
    private static String detail(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        return message.length() <= MAX_DETAIL_CHARS ? message : message.substring(0, MAX_DETAIL_CHARS) + "...";
    }
}

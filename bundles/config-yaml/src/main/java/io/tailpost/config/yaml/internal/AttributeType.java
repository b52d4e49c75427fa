package io.tailpost.config.yaml.internal;

/** The metatype attribute types, with the words messages use for them. */
enum AttributeType {
    STRING("a string", String.class),
    PASSWORD("a string", String.class),
    LONG("an integer", Long.class),
    INTEGER("an integer", Integer.class),
    SHORT("an integer", Short.class),
    BYTE("an integer", Byte.class),
    CHARACTER("a single character", Character.class),
    DOUBLE("a number", Double.class),
    FLOAT("a number", Float.class),
    BOOLEAN("true or false", Boolean.class);

    private final String expected;
    private final Class<?> javaType;

    AttributeType(String expected, Class<?> javaType) {
        this.expected = expected;
        this.javaType = javaType;
    }

    /** The class of the values ConfigAdmin stores for this type. */
    Class<?> javaType() {
        return javaType;
    }

    /** What a value of this type looks like, for "expected ..." messages. */
    String expected() {
        return expected;
    }
}

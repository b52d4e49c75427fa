package io.tailpost.config.yaml.internal;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Function;

/** Minimal stand-ins for framework interfaces: only the named methods answer. */
final class Fakes {
    private Fakes() {
    }

    /**
     * An implementation of {@code type} whose methods named in {@code answers} return what
     * the function gives for the call's arguments; any other method throws.
     */
    static <T> T of(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        Object proxy = Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> {
                    Function<Object[], Object> answer = answers.get(method.getName());
                    if (answer != null) {
                        return answer.apply(args == null ? new Object[0] : args);
                    }
                    if (method.getName().equals("toString")) {
                        return "fake " + type.getSimpleName();
                    }
                    throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
                });
        return type.cast(proxy);
    }
}

package io.tailpost.launcher;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Copies warnings and errors of the OSGi log service (SCR, FileInstall, framework events) to
 * {@link System.Logger}, so they reach the agent's log instead of staying in memory.
 *
 * <p>The launcher lives outside the framework and does not share the
 * {@code org.osgi.service.log} package with it, so the log reader is called reflectively
 * through the interfaces of the bundle that registered it.
 */
final class OsgiLogBridge extends ServiceTracker<Object, Object> {

    private static final String LOG_READER = "org.osgi.service.log.LogReaderService";
    private static final String LOG_LISTENER = "org.osgi.service.log.LogListener";
    private static final String LOG_ENTRY = "org.osgi.service.log.LogEntry";
    private static final int LOG_ERROR = 1;
    private static final int LOG_WARNING = 2;
    private static final int LOG_INFO = 3;

    private static final System.Logger LOG = System.getLogger(OsgiLogBridge.class.getName());

    OsgiLogBridge(BundleContext context) {
        super(context, LOG_READER, null);
    }

    /**
     * Maps an OSGi (and Felix) log level number to a {@link System.Logger.Level}.
     *
     * @param osgiLevel 1 error, 2 warning, 3 info, 4 debug
     * @return the matching level; DEBUG for anything above 3
     */
    static System.Logger.Level level(int osgiLevel) {
        if (osgiLevel <= LOG_ERROR) {
            return System.Logger.Level.ERROR;
        } else if (osgiLevel == LOG_WARNING) {
            return System.Logger.Level.WARNING;
        } else if (osgiLevel == LOG_INFO) {
            return System.Logger.Level.INFO;
        }
        return System.Logger.Level.DEBUG;
    }

    @Override
    public Object addingService(ServiceReference<Object> reference) {
        Object reader = context.getService(reference);
        if (reader == null) {
            return null;
        }
        try {
            Bundle api = reference.getBundle();
            Class<?> readerType = api.loadClass(LOG_READER);
            Class<?> listenerType = api.loadClass(LOG_LISTENER);
            Object listener = Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[] {listenerType},
                    new Listener(api.loadClass(LOG_ENTRY)));
            readerType.getMethod("addLogListener", listenerType).invoke(reader, listener);
            return new Registration(reader, readerType.getMethod("removeLogListener", listenerType), listener);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING,
                    "cannot follow the OSGi log service; framework warnings will not appear in this log", e);
            context.ungetService(reference);
            return null;
        }
    }

    @Override
    public void removedService(ServiceReference<Object> reference, Object service) {
        Registration registration = (Registration) service;
        try {
            registration.remove.invoke(registration.reader, registration.listener);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot remove the OSGi log listener", e);
        }
        context.ungetService(reference);
    }

    private record Registration(Object reader, Method remove, Object listener) {
    }

    private static final class Listener implements InvocationHandler {
        private final Method getLevel;
        private final Method getMessage;
        private final Method getException;
        private final Method getBundle;

        Listener(Class<?> entryType) throws NoSuchMethodException {
            getLevel = entryType.getMethod("getLevel");
            getMessage = entryType.getMethod("getMessage");
            getException = entryType.getMethod("getException");
            getBundle = entryType.getMethod("getBundle");
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "logged":
                    logged(args[0]);
                    return null;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "TailPost OSGi log bridge";
                default:
                    throw new UnsupportedOperationException(method.getName());
            }
        }

        private void logged(Object entry) throws IllegalAccessException {
            try {
                int level = (Integer) getLevel.invoke(entry);
                if (level > LOG_WARNING) {
                    return;
                }
                Bundle bundle = (Bundle) getBundle.invoke(entry);
                String name = bundle == null || bundle.getSymbolicName() == null
                        ? "osgi" : bundle.getSymbolicName();
                System.getLogger(name).log(level(level), (String) getMessage.invoke(entry),
                        (Throwable) getException.invoke(entry));
            } catch (InvocationTargetException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot read an OSGi log entry", e.getCause());
            }
        }
    }
}

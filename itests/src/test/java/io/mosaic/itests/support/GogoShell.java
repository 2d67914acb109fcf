package io.mosaic.itests.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * A session of the Gogo shell running in the framework, driven as its console drives it: a command line in, the value
 * the command gave back. Gogo's API lives in its own bundle (the host does not share it), so its service is called
 * through reflection on the methods that API declares.
 */
public final class GogoShell implements AutoCloseable {
    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";

    private final Object session;

    private GogoShell(Object session) {
        this.session = session;
    }

    /** Opens a session of the framework's Gogo command processor. */
    public static GogoShell open(BundleContext context) throws Exception {
        ServiceReference<?>[] references = context.getAllServiceReferences(PROCESSOR, null);
        if (references == null) {
            throw new IllegalStateException("no Gogo command processor is registered");
        }
        Object processor = context.getService(references[0]);
        Method create = accessible(processor.getClass().getMethod("createSession", InputStream.class,
                OutputStream.class, OutputStream.class));
        return new GogoShell(create.invoke(processor, new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), new ByteArrayOutputStream()));
    }

    /**
     * Runs one command line and returns what its command returned, as text.
     *
     * @throws Exception what the command threw (Gogo passes it on)
     */
    public String execute(String commandLine) throws Exception {
        Method execute = accessible(session.getClass().getMethod("execute", CharSequence.class));
        try {
            Object result = execute.invoke(session, commandLine);
            return result == null ? "" : result.toString();
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() throws ReflectiveOperationException {
        accessible(session.getClass().getMethod("close")).invoke(session);
    }

    private static Method accessible(Method method) {
        method.setAccessible(true);
        return method;
    }
}

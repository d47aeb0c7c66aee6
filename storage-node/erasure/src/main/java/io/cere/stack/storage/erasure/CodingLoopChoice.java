package io.cere.stack.storage.erasure;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;

/**
 * Picks the coding loop once per JVM. The Vector API is an incubator module that is only resolved
 * when the JVM is started with {@code --add-modules jdk.incubator.vector}; without it, loading any
 * class that touches {@code jdk.incubator.vector} fails, so the vector loop is loaded by name only
 * after the module is known to be there.
 */
final class CodingLoopChoice {

    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final String VECTOR_LOOP_CLASS =
            "io.cere.stack.storage.erasure.VectorCodingLoop";

    private static final System.Logger LOG = System.getLogger(CodingLoopChoice.class.getName());

    static final CodingLoop FASTEST = choose();

    private CodingLoopChoice() {}

    private static CodingLoop choose() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            LOG.log(
                    Level.INFO,
                    "Erasure coding uses the table-lookup loop: module "
                            + VECTOR_MODULE
                            + " is not loaded (start the JVM with --add-modules "
                            + VECTOR_MODULE
                            + " for the faster vector loop)");
            return CodingLoop.tableLookup();
        }
        try {
            CodingLoop loop =
                    Class.forName(VECTOR_LOOP_CLASS)
                            .asSubclass(CodingLoop.class)
                            .getDeclaredConstructor()
                            .newInstance();
            LOG.log(Level.DEBUG, "Erasure coding uses the " + loop.name() + " loop");
            return loop;
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable reason = e instanceof InvocationTargetException ? e.getCause() : e;
            LOG.log(
                    Level.WARNING,
                    "Erasure coding uses the table-lookup loop: the vector loop is unavailable ("
                            + reason
                            + ")");
            return CodingLoop.tableLookup();
        }
    }
}

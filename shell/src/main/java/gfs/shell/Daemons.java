package gfs.shell;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;

/**
 * Runs the server mains by class name, so the shell compiles without depending on their
 * source and the master and chunkserver modules stay free of shell code. Each blocks until
 * its server is stopped.
 */
public final class Daemons {
  public static final String MASTER_MAIN = "gfs.master.MasterMain";
  public static final String CHUNKSERVER_MAIN = "gfs.chunkserver.ChunkserverMain";

  private Daemons() {}

  public static void runMaster(Path config) throws Exception {
    run(MASTER_MAIN, config);
  }

  public static void runChunkserver(Path config) throws Exception {
    run(CHUNKSERVER_MAIN, config);
  }

  static void run(String className, Path config) throws Exception {
    Method run;
    Object target = null;
    try {
      Class<?> type = Class.forName(className);
      run = type.getMethod("run", Path.class);
      if (!Modifier.isStatic(run.getModifiers())) {
        target = type.getDeclaredConstructor().newInstance();
      }
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      throw new IllegalStateException(className + ".run(Path) is not on the class path ("
          + e.getMessage() + "): rebuild with mvn -DskipTests package", e);
    }
    try {
      run.invoke(target, config);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception exception) {
        throw exception;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}

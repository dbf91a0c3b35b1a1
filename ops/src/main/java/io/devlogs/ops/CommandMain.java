package io.devlogs.ops;

import java.util.function.IntSupplier;

/** How a launcher main ends: its exit code, or {@code devlogs: error: ...} and 1 on failure. */
public final class CommandMain {
  private CommandMain() {}

  /** Runs the command and exits the JVM with its code. */
  public static void exit(IntSupplier command) {
    int code;
    try {
      code = command.getAsInt();
    } catch (CommandFailed e) {
      System.out.flush();
      System.err.println("devlogs: error: " + e.getMessage());
      code = 1;
    }
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }
}

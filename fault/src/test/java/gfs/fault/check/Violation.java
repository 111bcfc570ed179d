package gfs.fault.check;

/** A broken guarantee: the checker's name, the operation at fault and what is wrong. */
public record Violation(String checker, int opIndex, String message) {
  @Override
  public String toString() {
    return checker + ": op #" + opIndex + ": " + message;
  }
}

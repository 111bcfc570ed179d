package gfs.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SizeConverterTest {
  private final SizeConverter converter = new SizeConverter();

  @Test
  void acceptsTheUnitsOperatorsWrite() {
    assertEquals(1L << 20, converter.convert("1MB"));
    assertEquals(1L << 20, converter.convert("1m"));
    assertEquals(64L << 20, converter.convert("64MiB"));
    assertEquals(512L << 10, converter.convert("512k"));
    assertEquals(3L << 30, converter.convert("3G"));
    assertEquals(1048576L, converter.convert("1048576"));
  }

  @Test
  void refusesZeroNegativeAndNonsense() {
    assertThrows(TypeConversionException.class, () -> converter.convert("0"));
    assertThrows(TypeConversionException.class, () -> converter.convert("-1MB"));
    assertThrows(TypeConversionException.class, () -> converter.convert("big"));
    assertThrows(TypeConversionException.class, () -> converter.convert("1.5MB"));
  }
}

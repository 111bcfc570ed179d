package gfs.shell;

import gfs.common.Sizes;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Sizes on the command line as in config files: 64MB, 512k, 1GiB, 1048576. */
public final class SizeConverter implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    try {
      long bytes = Sizes.parse(value);
      if (bytes <= 0) {
        throw new TypeConversionException("size '" + value + "' must be positive");
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** The same, where 0 is meaningful (none). */
  public static final class OrZero implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return value.trim().equals("0") ? 0L : new SizeConverter().convert(value);
    }
  }
}

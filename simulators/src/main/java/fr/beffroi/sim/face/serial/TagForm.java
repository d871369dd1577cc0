package fr.beffroi.sim.face.serial;

import java.util.Locale;

/** How a reader is set to write a tag's ISO 11784 64-bit code (DOMAIN: readers display it several ways). */
public enum TagForm {
  /** 15 decimal digits: 3 of country, 12 of national id ({@code 250004000123456}). */
  DECIMAL,
  /** Country and national id in hex around a dot ({@code 0FA.00EE6D0A40}). */
  DOT_HEX,
  /** 16 hex digits, MSB left (the stored form). */
  HEX_MSB,
  /** 16 hex digits, bit-reversed (air order). */
  HEX_REVERSED;

  private static final long NATIONAL_MASK = (1L << 38) - 1;

  public String render(long code) {
    long country = (code >>> 38) & 0x3FF;
    long national = code & NATIONAL_MASK;
    return switch (this) {
      case DECIMAL -> String.format(Locale.ROOT, "%03d%012d", country, national);
      case DOT_HEX -> String.format(Locale.ROOT, "%03X.%010X", country, national);
      case HEX_MSB -> String.format(Locale.ROOT, "%016X", code);
      case HEX_REVERSED -> String.format(Locale.ROOT, "%016X", Long.reverse(code));
    };
  }
}

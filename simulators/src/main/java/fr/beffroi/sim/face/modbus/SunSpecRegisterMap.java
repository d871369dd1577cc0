package fr.beffroi.sim.face.modbus;

import fr.beffroi.sim.model.pv.InverterSnapshot;
import java.nio.charset.StandardCharsets;

/**
 * The SunSpec holding-register image of one inverter at protocol address 40000: "SunS", model 1
 * (common), model 103 (three-phase inverter, integer + scale factor), end model. Offsets follow the
 * SunSpec information model; points this simulator does not compute carry the "not implemented"
 * value of their type. Pure: encode a snapshot, get words.
 */
public final class SunSpecRegisterMap {

  public static final int BASE_ADDRESS = 40000;
  public static final int MODEL_COMMON = 1;
  public static final int MODEL_INVERTER_THREE_PHASE = 103;
  public static final int INVERTER_LENGTH = 50;
  public static final int END_MODEL_ID = 0xFFFF;

  public static final String MANUFACTURER = "Beffroi";
  public static final String MODEL_NAME = "SIM-36K";
  public static final String VERSION = "0.1.0";

  /** Model 103 point offsets from the model ID register. */
  public static final int W = 14;
  public static final int W_SF = 15;
  public static final int HZ = 16;
  public static final int HZ_SF = 17;
  public static final int WH = 24;
  public static final int WH_SF = 26;
  public static final int DCV = 29;
  public static final int DCV_SF = 30;
  public static final int ST = 38;
  public static final int EVT1 = 40;

  /** Fixed scale factors: SunSpec devices keep them constant. */
  public static final int HZ_SCALE = -2;
  public static final int DCV_SCALE = -1;
  public static final int WH_SCALE = 0;

  private static final int NOT_IMPLEMENTED_INT16 = 0x8000;
  private static final int NOT_IMPLEMENTED_UINT16 = 0xFFFF;
  private static final int NOT_IMPLEMENTED_SF = 0x8000;

  private final int unitId;
  private final String serialNumber;
  private final int commonLength;
  private final int wScale;
  private final int[] fixedWords;

  public SunSpecRegisterMap(int unitId, String serialNumber, int commonLength, double ratedAcW) {
    this.unitId = unitId;
    this.serialNumber = serialNumber;
    this.commonLength = commonLength;
    this.wScale = powerScale(ratedAcW);
    this.fixedWords = buildFixedWords();
  }

  public static SunSpecRegisterMap of(SunSpecUnit unit) {
    return new SunSpecRegisterMap(
        unit.unitId(), unit.serialNumber(), unit.commonModelLength(), unit.model().ratedAcW());
  }

  /** Number of registers from {@link #BASE_ADDRESS} to the end model's L, inclusive. */
  public int size() {
    return fixedWords.length;
  }

  /** Protocol address of the model 103 ID register (shifts by one when model 1 has L = 65). */
  public int inverterModelAddress() {
    return BASE_ADDRESS + inverterOffset();
  }

  /** Scale factor of W, chosen so the AC rating fits an int16. */
  public int powerScale() {
    return wScale;
  }

  /** Every word of the map at the snapshot's instant, index 0 = address 40000. */
  public int[] encode(InverterSnapshot s) {
    int[] words = fixedWords.clone();
    int m = inverterOffset();
    words[m + W] = int16(Math.round(s.acPowerW() / Math.pow(10, wScale)));
    words[m + W_SF] = int16(wScale);
    words[m + HZ] = uint16(Math.round(s.frequencyHz() / Math.pow(10, HZ_SCALE)));
    words[m + HZ_SF] = int16(HZ_SCALE);
    long wh = (long) Math.floor(s.energyWh() / Math.pow(10, WH_SCALE)) & 0xFFFF_FFFFL;
    words[m + WH] = (int) (wh >>> 16);
    words[m + WH + 1] = (int) (wh & 0xFFFF);
    words[m + WH_SF] = int16(WH_SCALE);
    words[m + DCV] = uint16(Math.round(s.dcVoltageV() / Math.pow(10, DCV_SCALE)));
    words[m + DCV_SF] = int16(DCV_SCALE);
    words[m + ST] = s.state().code();
    words[m + EVT1] = (s.evt1() >>> 16) & 0xFFFF;
    words[m + EVT1 + 1] = s.evt1() & 0xFFFF;
    return words;
  }

  private int inverterOffset() {
    return 2 + 2 + commonLength;
  }

  private int[] buildFixedWords() {
    int[] words = new int[2 + 2 + commonLength + 2 + INVERTER_LENGTH + 2];
    words[0] = 0x5375; // "Su"
    words[1] = 0x6E53; // "nS"

    words[2] = MODEL_COMMON;
    words[3] = commonLength;
    putString(words, 4, 16, MANUFACTURER);
    putString(words, 20, 16, MODEL_NAME);
    putString(words, 36, 8, ""); // Opt: not implemented strings are all zero
    putString(words, 44, 8, VERSION);
    putString(words, 52, 16, serialNumber);
    words[68] = unitId; // DA
    if (commonLength == SunSpecUnit.COMMON_LENGTH_CURRENT) {
      words[69] = NOT_IMPLEMENTED_INT16; // Pad
    }

    int m = inverterOffset();
    words[m] = MODEL_INVERTER_THREE_PHASE;
    words[m + 1] = INVERTER_LENGTH;
    int[] uint16Points = {2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 16, 27, 29, 39};
    int[] int16Points = {14, 18, 20, 22, 31, 33, 34, 35, 36};
    int[] scaleFactors = {6, 13, 15, 17, 19, 21, 23, 26, 28, 30, 32, 37};
    for (int o : uint16Points) {
      words[m + o] = NOT_IMPLEMENTED_UINT16;
    }
    for (int o : int16Points) {
      words[m + o] = NOT_IMPLEMENTED_INT16;
    }
    for (int o : scaleFactors) {
      words[m + o] = NOT_IMPLEMENTED_SF;
    }
    words[m + ST] = NOT_IMPLEMENTED_UINT16;
    // WH acc32 "not implemented" is 0; Evt1, Evt2 and vendor bitfield32s are 0xFFFFFFFF.
    for (int o = 40; o <= 51; o++) {
      words[m + o] = NOT_IMPLEMENTED_UINT16;
    }

    int end = m + 2 + INVERTER_LENGTH;
    words[end] = END_MODEL_ID;
    words[end + 1] = 0;
    return words;
  }

  private static void putString(int[] words, int offset, int registers, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < registers; i++) {
      int hi = 2 * i < bytes.length ? bytes[2 * i] & 0xFF : 0;
      int lo = 2 * i + 1 < bytes.length ? bytes[2 * i + 1] & 0xFF : 0;
      words[offset + i] = (hi << 8) | lo;
    }
  }

  private static int powerScale(double ratedAcW) {
    int sf = 0;
    while (ratedAcW / Math.pow(10, sf) > Short.MAX_VALUE) {
      sf++;
    }
    return sf;
  }

  private static int int16(long value) {
    long clamped = Math.max(Short.MIN_VALUE + 1, Math.min(Short.MAX_VALUE, value));
    return (int) clamped & 0xFFFF;
  }

  private static int uint16(long value) {
    return (int) Math.max(0, Math.min(0xFFFE, value));
  }
}

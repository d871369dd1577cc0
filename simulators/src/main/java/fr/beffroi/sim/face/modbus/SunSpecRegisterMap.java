package fr.beffroi.sim.face.modbus;

import fr.beffroi.sim.model.pv.DcInput;
import fr.beffroi.sim.model.pv.InverterSnapshot;
import java.nio.charset.StandardCharsets;

/**
 * The SunSpec holding-register image of one inverter at protocol address 40000: "SunS", model 1
 * (common), model 103 (three-phase inverter, integer + scale factor), optionally model 160 (multiple
 * MPPT extension, one module per DC input of the model), end model. Offsets follow the
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

  /**
   * Model 160, after sunspec/models json/model_160.json: fixed part DCA_SF 2, DCV_SF 3, DCW_SF 4,
   * DCWH_SF 5, Evt 6-7, N 8, TmsPer 9; module n (1-based) at 10 + 20 (n − 1): ID 0, IDStr 1-8,
   * DCA 9, DCV 10, DCW 11, DCWH 12-13, Tms 14-15, Tmp 16, DCSt 17, DCEvt 18-19.
   */
  public static final int MODEL_MPPT = 160;
  public static final int MPPT_MODULES = 2;
  public static final int MPPT_MODULE_LENGTH = 20;
  public static final int MPPT_LENGTH = 8 + MPPT_MODULES * MPPT_MODULE_LENGTH;
  public static final int MPPT_DCA_SF = 2;
  public static final int MPPT_DCV_SF = 3;
  public static final int MPPT_DCW_SF = 4;
  public static final int MPPT_DCWH_SF = 5;
  public static final int MPPT_EVT = 6;
  public static final int MPPT_N = 8;
  public static final int MPPT_TMS_PER = 9;
  public static final int MPPT_FIRST_MODULE = 10;
  public static final int MODULE_ID = 0;
  public static final int MODULE_IDSTR = 1;
  public static final int MODULE_DCA = 9;
  public static final int MODULE_DCV = 10;
  public static final int MODULE_DCW = 11;
  public static final int MODULE_DCWH = 12;
  public static final int MODULE_TMS = 14;
  public static final int MODULE_TMP = 16;
  public static final int MODULE_DCST = 17;
  public static final int MODULE_DCEVT = 18;
  public static final int MPPT_DCA_SCALE = -2;
  public static final int MPPT_DCV_SCALE = -1;
  public static final int MPPT_DCWH_SCALE = 0;
  /** SunSpec timestamps count seconds from 2000-01-01T00:00:00Z. */
  public static final long SUNSPEC_EPOCH_SECONDS = 946_684_800L;

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
  private final boolean mppt;
  private final int wScale;
  private final int dcwScale;
  private final int[] fixedWords;

  public SunSpecRegisterMap(int unitId, String serialNumber, int commonLength, double ratedAcW) {
    this(unitId, serialNumber, commonLength, ratedAcW, false);
  }

  /**
   * @param mppt whether model 160 follows model 103; its DCW scale factor is chosen so the whole
   *     DC power (rating over the inverter efficiency) fits one module's uint16
   */
  public SunSpecRegisterMap(
      int unitId, String serialNumber, int commonLength, double ratedAcW, boolean mppt) {
    this.unitId = unitId;
    this.serialNumber = serialNumber;
    this.commonLength = commonLength;
    this.mppt = mppt;
    this.wScale = powerScale(ratedAcW);
    this.dcwScale = unsignedScale(ratedAcW * 1.1);
    this.fixedWords = buildFixedWords();
  }

  public static SunSpecRegisterMap of(SunSpecUnit unit) {
    return new SunSpecRegisterMap(
        unit.unitId(), unit.serialNumber(), unit.commonModelLength(), unit.model().ratedAcW(),
        unit.mpptExtension());
  }

  /** Protocol address of the model 160 ID register; meaningful only when the map serves it. */
  public int mpptModelAddress() {
    return inverterModelAddress() + 2 + INVERTER_LENGTH;
  }

  public boolean servesMppt() {
    return mppt;
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
    if (mppt) {
      encodeMppt(words, s);
    }
    return words;
  }

  private void encodeMppt(int[] words, InverterSnapshot s) {
    int m = mpptOffset();
    words[m + MPPT_EVT] = (s.evt1() >>> 16) & 0xFFFF; // Evt bit 0 is GROUND_FAULT, as in Evt1
    words[m + MPPT_EVT + 1] = s.evt1() & 0xFFFF;
    long tms = s.at().getEpochSecond() - SUNSPEC_EPOCH_SECONDS;
    for (int n = 0; n < MPPT_MODULES && n < s.dcInputs().size(); n++) {
      DcInput in = s.dcInputs().get(n);
      int b = m + MPPT_FIRST_MODULE + n * MPPT_MODULE_LENGTH;
      putString(words, b + MODULE_IDSTR, 8, in.name());
      words[b + MODULE_DCA] = uint16(Math.round(in.currentA() / Math.pow(10, MPPT_DCA_SCALE)));
      words[b + MODULE_DCV] = uint16(Math.round(in.voltageV() / Math.pow(10, MPPT_DCV_SCALE)));
      words[b + MODULE_DCW] = uint16(Math.round(in.powerW() / Math.pow(10, dcwScale)));
      // acc32: 0 means "not implemented", so a fresh counter starts at 1
      long wh = Math.max(1, (long) Math.floor(in.energyWh() / Math.pow(10, MPPT_DCWH_SCALE)))
          & 0xFFFF_FFFFL;
      words[b + MODULE_DCWH] = (int) (wh >>> 16);
      words[b + MODULE_DCWH + 1] = (int) (wh & 0xFFFF);
      words[b + MODULE_TMS] = (int) ((tms >>> 16) & 0xFFFF);
      words[b + MODULE_TMS + 1] = (int) (tms & 0xFFFF);
      words[b + MODULE_DCST] = s.state().code();
      words[b + MODULE_DCEVT] = (s.evt1() >>> 16) & 0xFFFF;
      words[b + MODULE_DCEVT + 1] = s.evt1() & 0xFFFF;
    }
  }

  private int mpptOffset() {
    return inverterOffset() + 2 + INVERTER_LENGTH;
  }

  private int inverterOffset() {
    return 2 + 2 + commonLength;
  }

  private int[] buildFixedWords() {
    int[] words =
        new int[2 + 2 + commonLength + 2 + INVERTER_LENGTH + (mppt ? 2 + MPPT_LENGTH : 0) + 2];
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
    if (mppt) {
      buildMppt(words, end);
      end += 2 + MPPT_LENGTH;
    }
    words[end] = END_MODEL_ID;
    words[end + 1] = 0;
    return words;
  }

  private void buildMppt(int[] words, int m) {
    words[m] = MODEL_MPPT;
    words[m + 1] = MPPT_LENGTH;
    words[m + MPPT_DCA_SF] = int16(MPPT_DCA_SCALE);
    words[m + MPPT_DCV_SF] = int16(MPPT_DCV_SCALE);
    words[m + MPPT_DCW_SF] = int16(dcwScale);
    words[m + MPPT_DCWH_SF] = int16(MPPT_DCWH_SCALE);
    words[m + MPPT_EVT] = NOT_IMPLEMENTED_UINT16;
    words[m + MPPT_EVT + 1] = NOT_IMPLEMENTED_UINT16;
    words[m + MPPT_N] = MPPT_MODULES;
    words[m + MPPT_TMS_PER] = NOT_IMPLEMENTED_UINT16;
    for (int n = 0; n < MPPT_MODULES; n++) {
      int b = m + MPPT_FIRST_MODULE + n * MPPT_MODULE_LENGTH;
      words[b + MODULE_ID] = n + 1;
      for (int o : new int[] {MODULE_DCA, MODULE_DCV, MODULE_DCW, MODULE_DCST}) {
        words[b + o] = NOT_IMPLEMENTED_UINT16;
      }
      // DCWH acc32 "not implemented" is 0; Tms uint32 and DCEvt bitfield32 are 0xFFFFFFFF
      for (int o : new int[] {MODULE_TMS, MODULE_TMS + 1, MODULE_DCEVT, MODULE_DCEVT + 1}) {
        words[b + o] = NOT_IMPLEMENTED_UINT16;
      }
      words[b + MODULE_TMP] = NOT_IMPLEMENTED_INT16; // no module temperature in this simulator
    }
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

  /** Scale factor so that {@code max} fits a uint16 (0xFFFE: 0xFFFF means "not implemented"). */
  private static int unsignedScale(double max) {
    int sf = 0;
    while (max / Math.pow(10, sf) > 0xFFFE) {
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

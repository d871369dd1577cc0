package fr.beffroi.profiles.load;

import fr.beffroi.profiles.model.DataType;
import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.Layout;
import fr.beffroi.profiles.model.ModelSpec;
import fr.beffroi.profiles.model.PointSpec;
import fr.beffroi.profiles.model.RegisterBlock;
import fr.beffroi.profiles.model.RegisterPoint;
import fr.beffroi.profiles.model.RegisterTable;
import fr.beffroi.profiles.model.RegisterType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class ProfileLoaderTest {

    private final ProfileLoader loader = new ProfileLoader();

    @Test
    void bundledSunSpecInverterProfileLoadsWithItsModelsAndUnits() {
        DeviceProfile profile = loader.load("pv", "sunspec-inverter");

        assertThat(profile.id()).isEqualTo("sunspec-inverter");
        assertThat(profile.family()).isEqualTo("pv");
        assertThat(profile.version()).isEqualTo(1);
        assertThat(profile.models()).extracting(ModelSpec::name).containsExactly("common", "inverter", "mppt");
        ModelSpec inverter = profile.polledModels().get(0);
        assertThat(inverter.ids()).containsExactly(103, 102, 101);
        assertThat(inverter.length()).isEqualTo(50);

        PointSpec w = inverter.point("W").orElseThrow();
        assertThat(w.offset()).isEqualTo(14);
        assertThat(w.type()).isEqualTo(DataType.INT16);
        assertThat(w.scaleFactor()).contains("W_SF");
        assertThat(inverter.point("W_SF").orElseThrow().offset()).isEqualTo(15);
        PointSpec wh = inverter.point("WH").orElseThrow();
        assertThat(wh.type()).isEqualTo(DataType.ACC32);
        assertThat(wh.offset()).isEqualTo(24);
        assertThat(wh.unit()).contains("W.h");
        assertThat(inverter.point("DCV").orElseThrow().offset()).isEqualTo(29);
        assertThat(inverter.point("Hz").orElseThrow().offset()).isEqualTo(16);
        assertThat(inverter.point("St").orElseThrow().symbols()).containsEntry("MPPT", 4).hasSize(8);
        assertThat(inverter.point("Evt1").orElseThrow().type()).isEqualTo(DataType.BITFIELD32);
        assertThat(profile.models().get(0).point("SN").orElseThrow().size()).isEqualTo(16);

        ModelSpec mppt = profile.models().get(2);
        assertThat(mppt.ids()).containsExactly(160);
        assertThat(mppt.optional()).isTrue();
        assertThat(mppt.length()).isEqualTo(8);
        ModelSpec.Group module = mppt.group().orElseThrow();
        assertThat(module.offset()).isEqualTo(10);
        assertThat(module.repeat()).isEqualTo(new RegisterBlock.Repeat("mppt.N", 20, 5));
        assertThat(module.points()).extracting(PointSpec::name)
                .containsExactly("ID", "IDStr", "DCA", "DCV", "DCW", "DCWH", "Tms", "Tmp", "DCSt", "DCEvt");
        assertThat(module.points().get(module.points().size() - 1).offset()).isEqualTo(18);
        assertThat(module.pointName(2, "DCW")).isEqualTo("mppt2.DCW");
    }

    @Test
    void aRepeatingGroupIsCheckedForItsCountPlacementAndScaleFactors() {
        String yaml = """
                id: bad-group
                version: 1
                family: pv
                models:
                  - name: mppt
                    ids: [160]
                    length: 8
                    points:
                      - {name: DCA_SF, offset: 2, type: sunssf}
                      - {name: N, offset: 8, type: int16, unit: "1"}
                      - name: Evt
                        offset: 6
                        type: bitfield32
                        unit: "1"
                        symbols: {TOO_HIGH: 32}
                    group:
                      name: mppt.module
                      offset: 9
                      repeat: {count: Nope, stride: 4, max: 2}
                      points:
                        - {name: DCA, offset: 0, type: uint16, unit: A, scaleFactor: DCA_SF}
                        - {name: DCV, offset: 3, type: uint32, unit: V, scaleFactor: DCV_SF}
                        - {name: DCA, offset: 1, type: uint16, unit: A}
                """;

        ProfileValidationException e = catchThrowableOfType(ProfileValidationException.class,
                () -> loader.parse("test/pv/bad-group.yaml", yaml));

        String g = "test/pv/bad-group.yaml: models[0].group";
        assertThat(e.errors()).contains(
                "test/pv/bad-group.yaml: models[0].points[2].symbols.TOO_HIGH: bit 32 outside 0..31 of a bitfield32",
                g + ".name: 'mppt.module' must be letters, digits and underscores, starting with a letter",
                g + ".offset: 9 falls inside the fixed part (registers 2..9); instances follow it, from 10",
                g + ".repeat.count: no point 'Nope' in the fixed part of model 'mppt'",
                g + ".points[1].scaleFactor: no point 'DCV_SF' in model 'mppt'",
                g + ".points[1].offset: DCV spans registers 3..4, past the group's stride 4",
                g + ".points[2].name: duplicate point name 'DCA'");
    }

    @Test
    void everyShapeErrorIsReportedAtOnceNamingFileAndPath() {
        String file = "bad-profiles/pv/schema-errors.yaml";

        ProfileValidationException e = catchThrowableOfType(ProfileValidationException.class,
                () -> loader.loadResource(file));

        assertThat(e.errors()).hasSize(8).allSatisfy(err -> assertThat(err).startsWith(file + ": "));
        assertThat(e.errors()).anySatisfy(err -> assertThat(err).startsWith(file + ": version: expected an integer"))
                .anySatisfy(err -> assertThat(err).startsWith(file + ": vendor: unknown key"))
                .anySatisfy(err -> assertThat(err).isEqualTo(file + ": models[0].length: missing"))
                .anySatisfy(err -> assertThat(err).isEqualTo(file + ": models[0].ids[1]: expected an integer"))
                .anySatisfy(err -> assertThat(err).startsWith(file + ": models[0].poll: expected true or false"))
                .anySatisfy(err -> assertThat(err).startsWith(file + ": models[0].points[0].offest: unknown key"))
                .anySatisfy(err -> assertThat(err).isEqualTo(file + ": models[0].points[0].offset: missing"))
                .anySatisfy(err -> assertThat(err).startsWith(file + ": models[0].points[1].unit: expected a string"));
        assertThat(e.getMessage()).contains("8 error(s)").contains(file + ": models[0].length: missing");
    }

    @Test
    void everyMeaningErrorIsReportedAtOnceNamingFileAndPath() {
        String file = "bad-profiles/pv/meaning-errors.yaml";

        ProfileValidationException e = catchThrowableOfType(ProfileValidationException.class,
                () -> loader.loadResource(file));

        String p = file + ": models[0].points";
        assertThat(e.errors()).containsExactlyInAnyOrder(
                file + ": id: 'sunspec-inverter' differs from the file name 'meaning-errors'",
                p + "[0].scaleFactor: no point 'W_SF' in model 'inverter'",
                p + "[1].unit: unknown UCUM unit 'kwh' (allowed: " + allowedSorted() + ")",
                p + "[1].scaleFactor: no point 'WH_SF' in model 'inverter'",
                p + "[2].name: duplicate point name 'W'",
                p + "[4].offset: Hz_SF overlaps 'Hz' at register 16",
                p + "[5].offset: Evt1 spans registers 51..52, past the model's last register 51 (length 50)",
                p + "[6].size: a string needs its size in registers (1 or more)",
                p + "[7].type: unknown type 'dword' (known: int16, uint16, acc16, enum16, bitfield16, int32, uint32,"
                        + " acc32, enum32, bitfield32, float32, float64, sunssf, string)");
    }

    @Test
    void bundledGroundwaterProfilesLoad_rtuAsRegisterBlocksInTwoTables_senmlAsRecords() {
        DeviceProfile rtu = loader.load("groundwater", "modbus-rtu-probe");
        assertThat(rtu.models()).isEmpty();
        assertThat(rtu.registers()).extracting(RegisterBlock::name, RegisterBlock::table, RegisterBlock::start)
                .containsExactly(tuple("measures", RegisterTable.INPUT, 0), tuple("setup", RegisterTable.HOLDING, 0));
        RegisterPoint level = rtu.block("measures").orElseThrow().point("level").orElseThrow();
        assertThat(level.offset()).isZero();
        assertThat(level.type()).isEqualTo(RegisterType.INT32);
        assertThat(level.scale()).isEqualTo(0.001);
        assertThat(level.unit()).isEqualTo("m");
        assertThat(rtu.block("setup").orElseThrow().point("interval").orElseThrow().scale()).isEqualTo(1.0);

        DeviceProfile senml = loader.load("groundwater", "senml-probe");
        ModelSpec probe = senml.models().get(0);
        assertThat(probe.layout()).isEqualTo(Layout.SENML);
        assertThat(probe.points()).extracting(PointSpec::name).containsExactly("level", "depth", "temp", "battery");
        assertThat(probe.points()).extracting(p -> p.unit().orElseThrow()).containsExactly("m", "m", "Cel", "%");
        assertThat(probe.points()).allSatisfy(p -> assertThat(p.type()).isEqualTo(DataType.FLOAT64));
    }

    @Test
    void blocksDefaultToHoldingRegisters() {
        DeviceProfile bms = loader.load("bms", "modbus-building");

        assertThat(bms.registers()).extracting(RegisterBlock::table).containsOnly(RegisterTable.HOLDING);
    }

    @Test
    void senmlErrorsAndRemovedRegisterLayoutsAreReportedNamingFileAndPath() {
        String file = "bad-profiles/groundwater/senml-errors.yaml";

        ProfileValidationException e = catchThrowableOfType(ProfileValidationException.class,
                () -> loader.loadResource(file));

        // fixed register maps are registers: blocks now, not a model layout
        assertThat(e.errors()).containsExactly(file + ": models[2].layout: unknown layout 'input-registers'"
                + " (known: sunspec, senml)");

        ProfileValidationException meaning = catchThrowableOfType(ProfileValidationException.class,
                () -> loader.parse(file, readResource(file).replace("layout: input-registers", "layout: senml")
                        .replace("points: []", "points: [{name: depth, unit: m}]")));
        String p = file + ": models[0].points";
        assertThat(meaning.errors()).containsExactlyInAnyOrder(
                p + "[1].name: 'water level' is no SenML name (RFC 8428: a letter or digit,"
                        + " then letters, digits and - : . / _)",
                p + "[2].unit: unknown UCUM unit 'degC' (allowed: " + allowedSorted() + ")",
                file + ": models[1].points[0].name: duplicate point name 'level'");
    }

    @Test
    void registerTableErrorsAreReported_andTheTwoTablesAreTwoAddressSpaces() {
        String file = "bad-profiles/groundwater/table-errors.yaml";

        ProfileValidationException e = catchThrowableOfType(ProfileValidationException.class,
                () -> loader.loadResource(file));

        assertThat(e.errors()).containsExactlyInAnyOrder(
                file + ": registers[2].table: unknown table 'coil' (known: holding, input)",
                file + ": registers[0].points[0].writable: block 'measures' is in input registers,"
                        + " which Modbus cannot write");
    }

    private static String readResource(String resource) {
        try (var in = ProfileLoaderTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void brokenYamlIsOneErrorNamingTheFile() {
        ProfileValidationException e = catchThrowableOfType(ProfileValidationException.class,
                () -> loader.loadResource("bad-profiles/pv/broken-yaml.yaml"));

        assertThat(e.errors()).singleElement().asString().startsWith("bad-profiles/pv/broken-yaml.yaml: (yaml): ");
    }

    @Test
    void missingProfileIsReportedAsSuch() {
        ProfileValidationException e = catchThrowableOfType(ProfileValidationException.class,
                () -> loader.load("pv", "no-such-inverter"));

        assertThat(e.errors()).containsExactly("profiles/pv/no-such-inverter.yaml: no such profile on the class path");
    }

    @Test
    void duplicateKeysAreRefused() {
        String yaml = "id: x\nid: y\nversion: 1\nfamily: pv\nmodels: []\n";

        ProfileValidationException e = catchThrowableOfType(ProfileValidationException.class,
                () -> loader.parse("inline.yaml", yaml));

        assertThat(e.errors()).singleElement().asString().contains("Duplicate field 'id'");
    }

    @Test
    void bundledBuildingProfileLoadsAsAPlainRegisterMapWithWritablePoints() {
        DeviceProfile profile = loader.load("bms", "modbus-building");

        assertThat(profile.family()).isEqualTo("bms");
        assertThat(profile.models()).isEmpty();
        assertThat(profile.registers()).extracting(RegisterBlock::name).containsExactly("building", "zone");
        RegisterBlock zone = profile.block("zone").orElseThrow();
        assertThat(zone.start()).isEqualTo(16);
        assertThat(zone.repeat()).contains(new RegisterBlock.Repeat("zoneCount", 12, 32));
        RegisterPoint setpoint = zone.point("setpoint").orElseThrow();
        assertThat(setpoint.type()).isEqualTo(RegisterType.INT16);
        assertThat(setpoint.scale()).isEqualTo(0.1);
        assertThat(setpoint.unit()).isEqualTo("Cel");
        assertThat(setpoint.writable()).isTrue();
        assertThat(setpoint.min()).contains(5.0);
        assertThat(setpoint.max()).contains(25.0);
        assertThat(zone.point("mode").orElseThrow().symbols()).containsEntry("HORS_GEL", 1).hasSize(4);
        assertThat(zone.point("roomTemp").orElseThrow().writable()).isFalse();
        RegisterBlock building = profile.block("building").orElseThrow();
        assertThat(building.point("heatEnergy").orElseThrow().unit()).isEqualTo("kW.h");
        assertThat(building.point("heatPower").orElseThrow().type()).isEqualTo(RegisterType.FLOAT32);
        // the building block and 9 zones fit one read of 125 registers
        assertThat(zone.start() + 9 * zone.span()).isLessThanOrEqualTo(125);
    }

    @Test
    void everyRegisterMeaningErrorIsReportedAtOnceNamingFileAndPath() {
        String file = "bad-profiles/bms/register-errors.yaml";

        ProfileValidationException e = catchThrowableOfType(ProfileValidationException.class,
                () -> loader.loadResource(file));

        String b = file + ": registers[0].points";
        String z = file + ": registers[1].points";
        assertThat(e.errors()).containsExactlyInAnyOrder(
                b + "[1].unit: unknown UCUM unit 'degC' (allowed: " + allowedSorted() + ")",
                b + "[2].scale: a float32 point is not scaled",
                b + "[2].offset: heatPower overlaps 'outdoorTemp' at offset 1",
                b + "[3].max: a writable uint32 point needs min and max",
                file + ": registers[1].repeat.count: no point 'rooms' in a block that appears once",
                z + "[0].max: range 5.0..4000.0 does not fit a int16 scaled by 0.1 (-3276.8..3276.7)",
                z + "[1].min: a writable enum16 is bounded by its symbols, not by min and max",
                z + "[1].symbols: an enum16 point needs its symbols",
                z + "[2].min: only writable points take min and max (they bound commands)",
                z + "[3].offset: zonePower spans offsets 3..4, past the block's stride 4",
                z + "[4].type: unknown type 'word' (known: int16, uint16, enum16, int32, uint32, float32)",
                z + "[4].name: duplicate point name 'outdoorTemp' (also in block 'building')",
                z + "[4].offset: outdoorTemp overlaps 'light' at offset 2",
                file + ": registers[1].start: block 'zone' (addresses 5..16) overlaps block 'building' (addresses 0..5)");
    }

    @Test
    void registerShapeErrorsNameFileAndPath() {
        String file = "bad-profiles/bms/register-shape.yaml";

        ProfileValidationException e = catchThrowableOfType(ProfileValidationException.class,
                () -> loader.loadResource(file));

        assertThat(e.errors()).containsExactlyInAnyOrder(
                file + ": registers[0].start: expected an integer, found string '16'",
                file + ": registers[0].repeat.max: missing",
                file + ": registers[0].points[0].writeable: unknown key (known: name, offset, type, scale, unit, symbols,"
                        + " writable, min, max, description)",
                file + ": registers[0].points[0].scale: expected a number, found string 'tenth'");
    }

    @Test
    void aProfileWithNeitherModelsNorRegistersIsRefused() {
        ProfileValidationException e = catchThrowableOfType(ProfileValidationException.class,
                () -> loader.parse("inline.yaml", "id: x\nversion: 1\nfamily: bms\n"));

        assertThat(e.errors()).containsExactly(
                "inline.yaml: models: at least one model is needed (or registers, for a plain Modbus map; "
                        + "or signals and events, for a device read by its driver)");
    }

    private static String allowedSorted() {
        List<String> sorted = fr.beffroi.profiles.unit.UcumUnits.allowed().stream().sorted().toList();
        return String.join(", ", sorted);
    }
}

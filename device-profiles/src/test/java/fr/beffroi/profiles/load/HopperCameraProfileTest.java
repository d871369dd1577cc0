package fr.beffroi.profiles.load;

import fr.beffroi.profiles.model.DeviceProfile;
import fr.beffroi.profiles.model.EventSpec;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled hopper-camera profile loads and accepts exactly the verdicts the camera driver writes. */
class HopperCameraProfileTest {

    private final EventSpec verdict = new ProfileLoader().load("waste", "hopper-camera").event("verdict").orElseThrow();

    @Test
    void loadsWithOneVerdictEventCountingErrorCategories() {
        DeviceProfile p = new ProfileLoader().load("waste", "hopper-camera");

        assertThat(p.events()).extracting(EventSpec::name).containsExactly("verdict");
        assertThat(verdict.unit()).isEqualTo("1");
        assertThat(verdict.attrs()).extracting(a -> a.name()).containsExactly(
                "verdictId", "tag", "liftAt", "stream", "status", "errors", "image", "lift", "truckSeq");
    }

    @Test
    void acceptsAMatchedVerdictWithErrorsAndAnUnmatchedCleanOne() {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("verdictId", "V-000042");
        errors.put("tag", "0003E71CBE991A14");
        errors.put("liftAt", "2026-03-02T07:15:30.250Z");
        errors.put("stream", "EMB");
        errors.put("status", "ERRORS");
        errors.put("errors", "GLASS:0.91,TEXTILE:0.64");
        errors.put("image", "IMG-000042");
        errors.put("lift", "MATCHED");
        errors.put("truckSeq", "1207");
        assertThat(verdict.problems(errors)).isEmpty();

        assertThat(verdict.problems(Map.of("verdictId", "V-1", "tag", "0003E71CBE991A14",
                "liftAt", "2026-03-02T07:15:30Z", "status", "CLEAN", "lift", "UNMATCHED"))).isEmpty();
    }

    @Test
    void refusesWhatTheDriverMustNeverWrite() {
        assertThat(verdict.problems(Map.of("verdictId", "V 1", "tag", "3e7.1cbe991a14",
                "liftAt", "02/03/2026 07:15", "status", "DIRTY", "errors", "GLASS=0.9", "lift", "MAYBE")))
                .containsExactly(
                        "verdict.verdictId: 'V 1' does not match [A-Za-z0-9._-]{1,64}",
                        "verdict.tag: '3e7.1cbe991a14' does not match [0-9A-F]{16}",
                        "verdict.liftAt: '02/03/2026 07:15' does not match "
                                + "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z",
                        "verdict.status: 'DIRTY' is not one of CLEAN, ERRORS, UNREADABLE",
                        "verdict.errors: 'GLASS=0.9' does not match "
                                + "[A-Z_]+:[01]\\.[0-9]{2}(,[A-Z_]+:[01]\\.[0-9]{2})*",
                        "verdict.lift: 'MAYBE' is not one of MATCHED, UNMATCHED");
    }
}

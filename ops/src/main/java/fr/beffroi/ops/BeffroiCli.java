package fr.beffroi.ops;

import fr.beffroi.ops.bench.IngestBenchCommand;
import fr.beffroi.ops.bench.RulesBenchCommand;
import fr.beffroi.ops.demo.DemoCommand;
import fr.beffroi.profiles.unit.DurationText;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./beffroi} command line: one entry point, one subcommand per job. */
@Command(name = "beffroi", mixinStandardHelpOptions = true,
        description = "Beffroi: telemetry and control for the public equipment of a communauté de communes.",
        subcommands = {DemoCommand.class, IngestBenchCommand.class, RulesBenchCommand.class})
public final class BeffroiCli implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        // The demo's own progress lines are the output; libraries speak only when something is wrong.
        // -Dorg.slf4j.simpleLogger.defaultLogLevel=info (in BEFFROI_JAVA_OPTS) shows everything.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        // Pi4J looks for a Raspberry Pi board at every context and logs ERRORs off a Pi (the demo's
        // mock GPIO): harmless, and no setting of Pi4J turns them off.
        System.setProperty("org.slf4j.simpleLogger.log.com.pi4j.boardinfo",
                System.getProperty("org.slf4j.simpleLogger.log.com.pi4j.boardinfo", "off"));
        CommandLine cli = new CommandLine(new BeffroiCli());
        cli.registerConverter(java.time.Duration.class, DurationText::require);
        System.exit(cli.execute(args));
    }
}

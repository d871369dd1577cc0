package fr.beffroi.rules.time;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A Quartz cron expression (seconds first, {@code ?} for "no specific day": {@code 0 0 6 * * ?} is
 * 06:00 every day), read in the tenant's time zone so that 06:00 stays 06:00 across daylight
 * saving changes. Quartz rather than Unix because its seconds field and {@code L}/{@code W}/{@code #}
 * days are what building-management schedules are usually written in.
 */
public final class CronSchedule {
    private static final CronDefinition QUARTZ = CronDefinitionBuilder.instanceDefinitionFor(
            com.cronutils.model.CronType.QUARTZ);
    private static final CronParser PARSER = new CronParser(QUARTZ);

    private final String expression;
    private final ExecutionTime executionTime;

    private CronSchedule(String expression, Cron cron) {
        this.expression = expression;
        this.executionTime = ExecutionTime.forCron(cron);
    }

    /**
     * Parses a Quartz expression.
     *
     * @throws IllegalArgumentException with cron-utils' reason
     */
    public static CronSchedule parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        Cron cron = PARSER.parse(expression.strip());
        cron.validate();
        return new CronSchedule(expression.strip(), cron);
    }

    public String expression() {
        return expression;
    }

    /** The first occurrence strictly after {@code after}, or empty when there is none (a past year). */
    public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
        return executionTime.nextExecution(after.atZone(zone)).map(z -> z.toInstant());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronSchedule c && c.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }
}

package fr.beffroi.rules.load;

import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import fr.beffroi.rules.model.Condition;
import fr.beffroi.rules.model.ContextVariables;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Compiles {@code if:} texts with CEL. The environment is CEL's standard functions and macros
 * ({@code has}, {@code all}, {@code exists}...), the rule's inputs as {@code double} variables and
 * the engine's {@link ContextVariables}; nothing else is declared, so a condition can reach no
 * Java object, file or network. Type-checked with a {@code bool} result: a rule that loads has a
 * condition that can only fail at run time on arithmetic (overflow, division by zero).
 */
final class CelConditions {
    // int literals compare with double inputs: operators write "lux < 200", not "lux < 200.0"
    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .build();

    private CelConditions() {
    }

    /** A compiled condition, or the CEL issues as {@code line:column: message} (1-based, in the expression). */
    record Compiled(Condition condition, List<String> issues) {
    }

    static Compiled compile(String source, Collection<String> inputNames, boolean withDaylight) {
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setResultType(SimpleType.BOOL)
                .addVar(ContextVariables.HOUR, SimpleType.INT)
                .addVar(ContextVariables.MINUTE, SimpleType.INT)
                .addVar(ContextVariables.WEEKDAY, SimpleType.INT)
                .addVar(ContextVariables.BOOKED, ListType.create(SimpleType.STRING))
                .addVar(ContextVariables.ACTIVE, SimpleType.BOOL)
                .addVar(ContextVariables.HOURS_TO_BOOKING, MapType.create(SimpleType.STRING, SimpleType.DOUBLE));
        if (withDaylight) {
            builder.addVar(ContextVariables.DAYLIGHT, SimpleType.BOOL);
        }
        for (String name : inputNames) {
            builder.addVar(name, SimpleType.DOUBLE);
        }
        CelCompiler compiler = builder.build();
        CelValidationResult result = compiler.compile(source);
        if (result.hasError()) {
            List<String> issues = new ArrayList<>();
            for (CelIssue issue : result.getErrors()) {
                issues.add(issue.getSourceLocation().getLine() + ":" + (issue.getSourceLocation().getColumn() + 1)
                        + ": " + issue.getMessage());
            }
            return new Compiled(null, issues);
        }
        try {
            CelRuntime.Program program = RUNTIME.createProgram(result.getAst());
            return new Compiled(new CelCondition(source, program), List.of());
        } catch (Exception e) {
            return new Compiled(null, List.of("1:1: " + e.getMessage()));
        }
    }

    /** One compiled program, kept for the life of the rule set: compiling per evaluation would cost 100×. */
    private record CelCondition(String source, CelRuntime.Program program) implements Condition {
        @Override
        public boolean test(Map<String, Object> variables) {
            try {
                return (Boolean) program.eval(variables);
            } catch (CelEvaluationException e) {
                throw new ConditionException(e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return source;
        }
    }
}

/**
 * Reads a tenant's YAML rule file into a validated, compiled {@link fr.beffroi.rules.model.RuleSet}:
 * shape (known keys, value types), meaning (durations, cron, thresholds, references between keys),
 * then each {@code if:} compiled and type-checked by CEL. Every problem of a file is reported at
 * once, each naming the file, the YAML line:column and the rule.
 */
package fr.beffroi.rules.load;

/**
 * The cloud rules: one {@code rules} engine per tenant ({@code <tenant>.yaml}, {@code runs: cloud}
 * rules), each on its own thread ({@link fr.beffroi.ingest.rule.TenantRules}), fed the readings of
 * committed batches and the booking changes, ticked at its next due instant; its state in {@code
 * rule_state} ({@link fr.beffroi.ingest.rule.PgRuleStateStore}); its commands to the command
 * ledger and its alerts to the {@code alert} table ({@link fr.beffroi.ingest.rule.CloudActionSink}).
 */
package fr.beffroi.ingest.rule;

/**
 * The tenant's {@code runs: edge} rules on the gateway: {@code EdgeRules} runs the shared
 * {@code fr.beffroi.rules} engine on its own thread, fed each poll's stored readings;
 * {@code RuleActions} executes their commands locally through the actuators and buffers an audit
 * event per action; {@code SqliteRuleStateStore} keeps their state across restarts.
 */
package fr.beffroi.edge.rules;

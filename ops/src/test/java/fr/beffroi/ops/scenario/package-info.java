/**
 * Scenarios as tests: the shipped rule files ({@code src/main/resources/rules/<tenant>.yaml}) run in
 * a {@link fr.beffroi.rules.eval.RuleEngine} fed by the simulators' physics models on a leaping
 * clock; the engine's commands act on the simulated devices, and each test asserts on the input →
 * output timeline it records (printed when an assertion fails). In-process only: command delivery
 * over MQTT to a gateway is tested by the end-to-end tests.
 */
package fr.beffroi.ops.scenario;

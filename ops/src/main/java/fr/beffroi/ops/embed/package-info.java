/**
 * A real PostgreSQL that the project brings itself, on loopback, for the demo, the bench and the tests.
 */
package fr.beffroi.ops.embed;

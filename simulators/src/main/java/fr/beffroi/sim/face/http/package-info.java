/**
 * A hopper camera's HTTP API over a {@link fr.beffroi.sim.model.camera.HopperCameraModel}: verdicts
 * by cursor, image fetch and delete, and a fault mode (503, slow answers, garbage bodies) for tests.
 * Served by the JDK's own {@code com.sun.net.httpserver}: three plain routes need no framework, and
 * the simulators stay free of Vert.x.
 */
package fr.beffroi.sim.face.http;

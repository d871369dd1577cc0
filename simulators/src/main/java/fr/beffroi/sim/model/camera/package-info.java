/**
 * The hopper camera of a collection truck, as a model: each lift's chip read triggers it, and after
 * a processing delay (model time) it decides what it saw: a clean bin, sorting errors per category
 * with a confidence, or no usable picture. Only verdicts and image stubs; the HTTP API that exposes
 * them is {@code face/http}.
 */
package fr.beffroi.sim.model.camera;

/**
 * The sorting-quality (hopper) camera of a collection truck, read over its HTTP API
 * ({@link fr.beffroi.edge.driver.camera.HopperCameraDriver}, JDK {@code java.net.http}, profile
 * {@code waste/hopper-camera}). Owns: fetching verdicts by cursor and persisting that cursor
 * ({@code driver/CounterFile}), tying each verdict to the lift that triggered it
 * ({@link fr.beffroi.edge.driver.camera.LiftIndex}, fed with the RFID reader's lift events through
 * {@link fr.beffroi.edge.driver.camera.RecentLifts}), and deleting on the camera the photos of bins
 * without errors (RGPD: photos are kept only when an error is found). Uploading the kept photos is
 * not done here.
 */
package fr.beffroi.edge.driver.camera;

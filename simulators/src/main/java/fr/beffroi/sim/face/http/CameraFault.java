package fr.beffroi.sim.face.http;

/** How the simulated camera misbehaves, for tests of the driver's health. */
public enum CameraFault {
  NONE,
  /** Every request answers 503 Service Unavailable (the camera is rebooting). */
  UNAVAILABLE,
  /** Every request waits {@code slowBy} before answering normally (overloaded camera, bad Wi-Fi). */
  SLOW,
  /** The verdict list answers 200 with a body that is not the API's JSON (a captive portal, a bug). */
  GARBAGE
}

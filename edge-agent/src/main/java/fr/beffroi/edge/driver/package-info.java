/**
 * The device seam: {@link fr.beffroi.edge.driver.DeviceDriver} and {@link fr.beffroi.edge.driver.DeviceException}
 * (whose fault, so whether retrying helps); one sub-package per device family and per shared transport.
 */
package fr.beffroi.edge.driver;

/**
 * Device health as data: ONLINE / OFFLINE (with reason and whose fault) / UNKNOWN, last success
 * and consecutive failures, written by the poll scheduler after every poll and read by anyone.
 */
package fr.beffroi.edge.health;

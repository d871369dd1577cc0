/** The UCUM unit codes that profiles and readings may use. */
package fr.beffroi.profiles.unit;

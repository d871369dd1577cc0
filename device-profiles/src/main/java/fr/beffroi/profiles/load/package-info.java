/**
 * Reads versioned YAML device profiles from the classpath and checks them twice: first the shape
 * (known keys, value types), then the meaning (unique names, known units, offsets inside the model).
 * Every problem of a file is reported at once, each naming the file and the element.
 */
package fr.beffroi.profiles.load;

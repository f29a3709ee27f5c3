/**
 * The ServiceCall compatibility kit: abstract JUnit 5 test classes, one per contract area, that a
 * transport extends to prove it honours SPEC sections 2 to 5.
 */
package dev.servicecall.tck;

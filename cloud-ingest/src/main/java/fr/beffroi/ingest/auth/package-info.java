/**
 * Who may send and who may command: gateway identities and HTTP API users, PBKDF2 secret hashes,
 * and the checks every endpoint runs before it reads a single payload byte.
 */
package fr.beffroi.ingest.auth;

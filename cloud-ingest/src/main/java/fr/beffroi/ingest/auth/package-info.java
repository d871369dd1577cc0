/**
 * Who may send: gateway identities, PBKDF2 secret hashes, and the check every endpoint runs
 * before it reads a single payload byte.
 */
package fr.beffroi.ingest.auth;

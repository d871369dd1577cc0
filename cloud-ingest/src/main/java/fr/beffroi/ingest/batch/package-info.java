/**
 * Grouping: valid batches from every endpoint become database transactions by size and age, on
 * dedicated writer threads, one writer per gateway, each batch's future completed after commit.
 */
package fr.beffroi.ingest.batch;

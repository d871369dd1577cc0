package fr.beffroi.ingest.rule;

import java.time.Instant;

/**
 * One stored alert, as the alert API shows it.
 *
 * @param at         when the rule raised it
 * @param recordedAt when the cloud wrote it
 */
public record AlertRecord(String id, String tenant, String ruleId, String level, String message, Instant at,
                          Instant recordedAt) {
}

/**
 * When time triggers fall: Quartz cron expressions ({@link fr.beffroi.rules.time.CronSchedule}, on
 * cron-utils) and sunrise/sunset at the tenant's location ({@link fr.beffroi.rules.time.SunSchedule},
 * on commons-suncalc). Pure functions of an instant; the engine asks each for its next occurrence.
 */
package fr.beffroi.rules.time;

package fr.beffroi.ingest.endpoint.mqtt;

/** MQTT topic-filter matching (MQTT 5 §4.7), enough to grant and route a gateway's own subscriptions. */
final class TopicFilters {
    private TopicFilters() {
    }

    /**
     * True when every topic the filter can match lies under {@code prefix} (which ends with '/'):
     * the prefix must appear literally, so no wildcard can reach past it. Shared subscriptions
     * ({@code $share/…}) never qualify.
     */
    static boolean isUnder(String filter, String prefix) {
        return filter.startsWith(prefix) && filter.length() > prefix.length();
    }

    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) return true;
            if (i >= t.length) return false;
            if (!f[i].equals("+") && !f[i].equals(t[i])) return false;
        }
        return f.length == t.length;
    }
}

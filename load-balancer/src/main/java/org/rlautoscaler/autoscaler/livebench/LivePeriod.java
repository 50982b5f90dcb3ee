package org.rlautoscaler.autoscaler.livebench;

/**
 * What Prometheus saw during one control period of a live replay. A reading that Prometheus
 * could not give is NaN (or -1 for counts), never 0.
 *
 * @param period      the period's number, from 0
 * @param endSeconds  the period's end, seconds after the replay started
 * @param offeredRps  requests a second the load generator sent
 * @param servedRps   requests a second the application answered
 * @param desired     replicas the autoscaler asked for at the period's end
 * @param running     replicas Prometheus discovers at the period's end (the tasks running): what is paid for
 * @param serving     replicas that answered requests during the period
 * @param p95Ms       95th percentile latency of the answers, from the application's histograms, milliseconds
 * @param errorPct    failed requests (errors, timeouts, dropped) in percent of those sent
 */
public record LivePeriod(int period, double endSeconds, double offeredRps, double servedRps, int desired, int running,
                         int serving, double p95Ms, double errorPct) {

    /** Whether every reading is there. */
    public boolean complete() {
        return Double.isFinite(offeredRps) && Double.isFinite(servedRps) && desired >= 0 && running >= 0 && serving >= 0
                && Double.isFinite(p95Ms) && Double.isFinite(errorPct);
    }
}

package org.rlautoscaler.autoscaler.live.server;

import java.util.Map;
import java.util.Optional;
import org.rlautoscaler.autoscaler.live.ControlLoop;
import org.rlautoscaler.autoscaler.live.LoopStatus;

/**
 * One service as the autoscaler's page and API show it.
 *
 * @param key    the service's name where it is unique (the Swarm service's full name)
 * @param group  its stack or namespace ("" for none)
 * @param about  its settings, for {@code /api/status}
 * @param status its conditions: those of its loop, or why it has none (an invalid label)
 * @param loop   its running loop, if it has one
 */
public record ServiceView(String key, String group, Map<String, Object> about, LoopStatus status,
                          Optional<ControlLoop> loop) {}

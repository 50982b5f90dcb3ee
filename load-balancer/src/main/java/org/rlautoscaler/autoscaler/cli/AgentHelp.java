package org.rlautoscaler.autoscaler.cli;

import java.util.List;
import java.util.ListResourceBundle;
import org.rlautoscaler.autoscaler.catalog.AgentKind;

/**
 * The agents' names and defaults for the help texts, from the catalog: a description says
 * {@code ${bundle:agents.learning}} and reads "qlearning, swarm-cpu-ram or latency-table", so that
 * no help text repeats the list of agents. The commands' resource bundle (see {@code Main}).
 */
public final class AgentHelp extends ListResourceBundle {
    @Override
    protected Object[][] getContents() {
        return new Object[][] {
                {"agents.learning", AgentKind.alternatives(AgentKind.learning())},
                {"agents.learning.list", AgentKind.names(AgentKind.learning())},
                {"agents.live", AgentKind.alternatives(AgentKind.liveKinds())},
                {"agents.live.list", AgentKind.names(AgentKind.liveKinds())},
                {"agents.all", AgentKind.alternatives(AgentKind.all())},
                {"agents.all.list", AgentKind.names(AgentKind.all())},
                {"agents.all.csv", csv(AgentKind.all())},
                {"agents.episodes", AgentKind.defaultEpisodesInWords()},
        };
    }

    private static String csv(List<AgentKind> kinds) {
        return String.join(",", kinds.stream().map(AgentKind::id).toList());
    }
}
